module early.tandem/startup

go 1.26
