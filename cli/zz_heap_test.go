package cli

import (
	"os"
	"runtime"
	"runtime/pprof"
	"testing"

	"tandem/workspace"
)

func TestZZHeap(t *testing.T) {
	d := os.Getenv("ZZHEAP")
	if d == "" {
		t.Skip()
	}
	runtime.MemProfileRate = 1
	w, _ := workspace.OpenFolded(d)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t.Logf("heap alloc %d MB", ms.HeapAlloc>>20)
	f, _ := os.Create("/tmp/heap1.prof")
	pprof.WriteHeapProfile(f)
	f.Close()
	runtime.KeepAlive(w)
}
