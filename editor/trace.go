package editor

import (
	"fmt"
	"os"
	"sync"
	"time"
)

// traceFile is where the window notes what it did with outside changes,
// saves and recovery copies, one line each, when TANDEM_TRACE names a
// file: end-to-end tests read it to know when the window has seen an
// event, and a user can send it with a bug report.
var (
	traceMu   sync.Mutex
	traceFile = os.Getenv("TANDEM_TRACE")
)

func trace(format string, a ...any) {
	if traceFile == "" {
		return
	}
	traceMu.Lock()
	defer traceMu.Unlock()
	f, err := os.OpenFile(traceFile, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return
	}
	fmt.Fprintf(f, "%s %s\n", time.Now().Format("15:04:05.000"), fmt.Sprintf(format, a...))
	f.Close()
}
