package editor

import "fyne.io/fyne/v2"

// Toolbar icons that Fyne's theme does not have, drawn in its icon style
// (a 24×24 box, one colour that the theme recolours).
var (
	boldIcon    = fyne.NewStaticResource("bold.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#000" d="M7 4h6.2a4.3 4.3 0 0 1 2.9 7.5A4.5 4.5 0 0 1 14 20H7zm3 3v3.8h3a1.9 1.9 0 0 0 0-3.8zm0 6.6V17h3.7a1.7 1.7 0 0 0 0-3.4z"/></svg>`))
	italicIcon  = fyne.NewStaticResource("italic.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#000" d="M10 4h8v3h-2.8l-3.4 10H15v3H7v-3h2.8l3.4-10H10z"/></svg>`))
	linkIcon    = fyne.NewStaticResource("link.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#000" d="M3.9 12a3.1 3.1 0 0 1 3.1-3.1h4V7H7a5 5 0 0 0 0 10h4v-1.9H7A3.1 3.1 0 0 1 3.9 12zM8 13h8v-2H8zm9-6h-4v1.9h4a3.1 3.1 0 0 1 0 6.2h-4V17h4a5 5 0 0 0 0-10z"/></svg>`))
	headingIcon = fyne.NewStaticResource("heading.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#000" d="M5 4h3v6.5h8V4h3v16h-3v-6.5H8V20H5z"/></svg>`))
	// ownIcon marks a field each language has its own value of: two
	// separate boxes (linkIcon marks a shared one).
	ownIcon  = fyne.NewStaticResource("own.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#000" d="M3 6h7v12H3zm2 2v8h3V8zm9-2h7v12h-7zm2 2v8h3V8z"/></svg>`))
	listIcon = fyne.NewStaticResource("list.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#000" d="M4 5.5h2.5V8H4zm5 0h11V8H9zM4 10.75h2.5v2.5H4zm5 0h11v2.5H9zM4 16h2.5v2.5H4zm5 0h11v2.5H9z"/></svg>`))
)
