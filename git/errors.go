package git

import (
	"fmt"
	"strings"
)

// Kind is what went wrong publishing or getting a site.
type Kind int

// What can go wrong.
const (
	Failed Kind = iota
	NotARepo
	NoRemote
	BadBranch
	OutsideRepo
	Unreadable
	TooLarge
	NothingToPublish
	NoIdentity
	AuthFailed
	NoAccess
	Offline
	MovedOn
	Refused
	TheirChange
	Detached
	Diverged
	LFS

	// Getting a site (Get).
	GetFailed
	BadAddress
	NotFound
	NoAccessToGet
	OfflineGet
	DiskFull
	FolderTaken
	GetCancelled
)

// Error is a publish, or a get, that did not happen, with a sentence for
// the user in English (Error) and in French (French).
type Error struct {
	Kind   Kind
	Detail string
	Err    error
}

func (e *Error) Unwrap() error { return e.Err }

var sentences = map[Kind][2]string{
	Failed:           {"Publishing failed: %s. Nothing was lost: your files are as they were.", "La publication a échoué : %s. Rien n’est perdu : vos fichiers sont tels quels."},
	NotARepo:         {"The site is not in a git repository (%s): get the site with git clone to publish from it.", "Le site n’est pas dans un dépôt git (%s) : obtenez-le avec git clone pour pouvoir publier."},
	NoRemote:         {"The repository has no remote named %q: add the site's remote (git remote add) to publish.", "Le dépôt n’a pas de dépôt distant nommé %q : ajoutez celui du site (git remote add) pour publier."},
	BadBranch:        {"%q cannot be a branch name: use letters, digits, - and /.", "%q ne peut pas être un nom de branche : utilisez des lettres, des chiffres, - et /."},
	OutsideRepo:      {"%s is outside the repository: it cannot be published with the post.", "%s est hors du dépôt : il ne peut pas être publié avec le billet."},
	Unreadable:       {"%s could not be read, so nothing was published.", "%s n’a pas pu être lu; rien n’a été publié."},
	TooLarge:         {"%s is over 100 MB, more than the host takes: make it smaller, then publish again.", "%s dépasse 100 Mo, plus que l’hébergeur n’accepte : réduisez-le, puis publiez de nouveau."},
	NothingToPublish: {"Nothing to publish: the pair is as it is on its branch.", "Rien à publier : la paire est telle qu’elle est sur sa branche."},
	NoIdentity:       {"Git does not know your name and email: set them (git config --global user.name and user.email) to publish.", "Git ne connaît pas votre nom ni votre courriel : indiquez-les (git config --global user.name et user.email) pour publier."},
	AuthFailed:       {"The host refused the sign-in: the token is wrong or has expired. Nothing was published.", "L’hébergeur a refusé la connexion : le jeton est erroné ou a expiré. Rien n’a été publié."},
	NoAccess:         {"The repository was not found, or you may not write to it. Nothing was published.", "Le dépôt est introuvable, ou vous n’avez pas le droit d’y écrire. Rien n’a été publié."},
	Offline:          {"The host cannot be reached: you may be offline. Your files are saved; publish again later.", "L’hébergeur est injoignable : vous êtes peut-être hors ligne. Vos fichiers sont enregistrés; publiez de nouveau plus tard."},
	MovedOn:          {"Someone else changed the pair's branch meanwhile: publish again to build on their change.", "Quelqu’un d’autre a modifié la branche de la paire entre-temps : publiez de nouveau pour partir de sa modification."},
	Refused:          {"The host refused the push: %s", "L’hébergeur a refusé l’envoi : %s"},
	LFS:              {"%s is kept by Git LFS, which Tandem cannot publish: ask someone who knows git to commit it.", "%s est géré par Git LFS, que Tandem ne sait pas publier : demandez à une personne qui connaît git de le valider."},
	Detached:         {"The checkout is on no branch (a detached HEAD): there is no branch to bring up to date.", "L’extraction n’est sur aucune branche (HEAD détachée) : il n’y a pas de branche à mettre à jour."},
	Diverged:         {"Your branch and %s on the remote have both moved on: Tandem does not merge them. Nothing was changed; ask someone who knows git to merge them.", "Votre branche et %s sur le dépôt distant ont toutes deux évolué : Tandem ne les fusionne pas. Rien n’a été changé; demandez à une personne qui connaît git de les fusionner."},
	TheirChange:      {"Someone else changed %s on the pair's branch since you published it: nothing was published, so as not to undo their change. Get their change first.", "Quelqu’un d’autre a modifié %s sur la branche de la paire depuis votre publication : rien n’a été publié, pour ne pas défaire sa modification. Récupérez d’abord sa modification."},
	GetFailed:        {"The site could not be got: %s. Nothing was left on disk.", "Le site n’a pas pu être obtenu : %s. Rien n’a été laissé sur le disque."},
	BadAddress:       {"%q is not a site's address: copy the address from the repository's page (https://… or git@…).", "« %s » n’est pas l’adresse d’un site : copiez l’adresse depuis la page du dépôt (https://… ou git@…)."},
	NotFound:         {"There is no repository at that address: check it on the repository's page.", "Il n’y a pas de dépôt à cette adresse : vérifiez-la sur la page du dépôt."},
	NoAccessToGet:    {"The host refused the sign-in, or you may not read this repository: sign in with a personal access token.", "L’hébergeur a refusé la connexion, ou vous n’avez pas accès à ce dépôt : connectez-vous avec un jeton d’accès personnel."},
	OfflineGet:       {"The host cannot be reached: you may be offline. Nothing was left on disk; try again later.", "L’hébergeur est injoignable : vous êtes peut-être hors ligne. Rien n’a été laissé sur le disque; réessayez plus tard."},
	DiskFull:         {"The disk is full: free some space, then get the site again. Nothing was left on disk.", "Le disque est plein : libérez de l’espace, puis obtenez le site de nouveau. Rien n’a été laissé sur le disque."},
	FolderTaken:      {"%s already holds files: choose an empty folder, or a new one.", "%s contient déjà des fichiers : choisissez un dossier vide, ou un nouveau."},
	GetCancelled:     {"Getting the site was cancelled: nothing was left on disk.", "L’obtention du site a été annulée : rien n’a été laissé sur le disque."},
}

func (e *Error) sentence(lang int) string {
	s := sentences[e.Kind][lang]
	if !strings.Contains(s, "%") {
		return s
	}
	d := e.Detail
	if d == "" && e.Err != nil {
		d = e.Err.Error()
	}
	return fmt.Sprintf(s, d)
}

// Error is the sentence in English.
func (e *Error) Error() string { return e.sentence(0) }

// French is the sentence in French.
func (e *Error) French() string { return e.sentence(1) }
