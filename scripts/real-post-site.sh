#!/bin/sh
# real-post-site.sh JEKYLL_SITE DEST PAIRS [own-links|shared-links|long-summaries]
#
# Writes a Hugo site of PAIRS pairs at DEST, built from the real pairs of
# a Jekyll site's _posts/en and _posts/fr (by default the shared sample,
# ../shared/samples/jekyll-site): each pair is one of them again, under
# new file names, a numbered title and its own translationKey, its front
# matter, raw HTML and links as they are. What lint at scale was measured
# on (docs/development.md, issue 31):
#   own-links       each pair's absolute links are its own (a path
#                   segment of its number), as on a real site, where the
#                   addresses the checks learn grow with the site (the
#                   default);
#   shared-links    every copy keeps the original's links;
#   long-summaries  shared links, and a summary of some 800 characters in
#                   each front matter (twice the front matter).
# The site's prose is read from JEKYLL_SITE when the script runs: none of
# it is in this repository.
set -eu
src=${1:?JEKYLL_SITE}
dest=${2:?DEST}
pairs=${3:?PAIRS}
mode=${4:-own-links}
case $mode in own-links|shared-links|long-summaries) ;; *) echo "unknown mode $mode" >&2; exit 2 ;; esac
python3 - "$src/_posts" "$dest" "$pairs" "$mode" <<'PY'
import os, re, sys
src, root, n, mode = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
en, fr = sorted(os.listdir(src + '/en')), sorted(os.listdir(src + '/fr'))
if len(en) != len(fr) or not en:
    sys.exit('%s: _posts/en and _posts/fr do not hold as many posts' % src)

def split(t):
    m = re.match(r'---\n(.*?)\n---\n(.*)', t, re.S)
    if not m:
        sys.exit('a post without front matter')
    return m.group(1), m.group(2)

def own(body, i):
    # A path segment of the pair's own after each absolute link's host.
    return re.sub(r'(https?://[A-Za-z0-9.\-]+)/', lambda m: '%s/p%d/' % (m.group(1), i), body)

def titled(fm, i):
    return re.sub(r'^title: "(.*)"$', lambda m: 'title: "%s %d"' % (m.group(1), i), fm, flags=re.M)

for lang in ('en', 'fr'):
    os.makedirs('%s/content/%s/blog/posts' % (root, lang), exist_ok=True)
with open(root + '/hugo.toml', 'w') as f:
    f.write('defaultContentLanguage = "en"\n[languages.en]\nbaseURL = "https://digital.canada.ca/"\n'
            'contentDir = "content/en"\n[languages.fr]\nbaseURL = "https://numerique.canada.ca/"\n'
            'contentDir = "content/fr"\n[markup.goldmark.renderer]\nunsafe = true\n')
data = [(split(open(src + '/en/' + e).read()), split(open(src + '/fr/' + f).read()), e[11:-3], f[11:-3])
        for e, f in zip(en, fr)]
for i in range(n):
    (efm, eb), (ffm, fb), es, fs = data[i % len(data)]
    if mode == 'own-links':
        eb, fb = own(eb, i), own(fb, i)
    extra = {'en': '', 'fr': ''}
    if mode == 'long-summaries':
        extra['en'] = 'summary: "%s"\n' % (('A longer summary of post %d that goes on about the work. ' % i) * 14).strip()
        extra['fr'] = 'summary: "%s"\n' % (('Un plus long résumé du billet %d qui parle du travail. ' % i) * 14).strip()
    for lang, fm, body, slug in (('en', efm, eb, es), ('fr', ffm, fb, fs)):
        with open('%s/content/%s/blog/posts/%s-%d.md' % (root, lang, slug, i), 'w') as f:
            f.write('---\n%s\n%stranslationKey: pair-%d\n---\n%s' % (titled(fm, i), extra[lang], i, body))
PY
