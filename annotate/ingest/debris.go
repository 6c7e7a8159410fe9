package ingest

import (
	"regexp"
	"strings"
	"sync"
	"unicode"

	"byline/annotate"
)

// builtinDebris are the page-debris patterns every import checks. Each one is
// matched case-insensitively against a whole line, after surrounding spaces
// and decoration (bullets, arrows, dashes, pipes) are trimmed; a pattern
// never matches part of a line. The groups follow the package comment.
var builtinDebris = []string{
	// Advertising.
	`(advertisement|advertisements|advertising|advert|ads?|sponsored( content| links?)?|promoted( content| stories)?|paid (post|content|partner content)|partner content)`,
	`(advertisement|ad) ?[-–—:]? ?(scroll|continue reading|story continues) below`,
	`((the )?(story|article) continues below( (this )?(advertisement|ad))?|continue reading (below|the main story))`,
	// Recirculation.
	`(other topics of interest|related( articles| stories| content| coverage| news| topics| reading)?|more (on|about) this (story|topic)|(you|we think you) (may|might) (also )?(like|be interested in)|recommended( for you| stories| reading)?|(trending|popular)( now| today| stories)?|most (read|popular|viewed|shared)|top stories|editor'?s picks|in other news|latest news|more (stories|news)|(see|read) also|also read)`,
	// Comments.
	`(comments?|\d+ comments?|comments? \(\d+\)|(show|view|load|see|read|hide) (all |more |the )?(\d+ )?comments?( \(\d+\))?|(write|post|add|leave) (the first|a|your) comment|be the first to comment|no comments( yet)?\.?|join the (conversation|discussion)|(comments|commenting) (are|is) (closed|disabled)\.?)`,
	// Corrections.
	`to (suggest|report|request) (a|an) (correction|error|typo)\b.*`,
	`(report|suggest|submit) (a|an) (correction|error|typo)`,
	// Sharing.
	`(share|tweet|e-?mail|print|pin|save)( this)?( article| story| post| page| link)?( (on|via|to) \w+)?`,
	`((share( on| via)?|facebook|twitter|x|linkedin|whatsapp|telegram|reddit|e-?mail|print|copy( the)? link|link copied|pinterest|vk|messenger|flipboard|tweet|pocket|threads|bluesky)[\s|·•/,]*){2,}`,
	// Lone links.
	`<?(https?://|www\.)\S+>?`,
	// Read more and navigation.
	`(read (more|the full (story|article)|next|on|also)|continue reading|click here|tap here|show more|load more|see more|view more)( ?(»|›|>|→|\.\.\.|…))?`,
	`(click|tap) here (to|for) .*`,
	`(read more|read also|also read|see also|related|more on this( story)?|watch|listen|video|photos?|gallery) ?: .*`,
	`(skip to (main )?content|(back|go) to top|(previous|next) (article|story|page)|loading\.*…?|menu|search|home|close)`,
	// Subscriptions and accounts.
	`(subscribe|subscribe (now|today|here)|subscribe (to|for) .{0,60}|sign up( now| today| here| for .{0,60})?|newsletter( sign-?up)?|get (our|the) .{0,40}newsletter.*|already (a subscriber|have an account)\??.*|(log|sign) ?in( to .{0,40})?|(register|subscribe|sign in|log in) to (continue|read) .*|support (our|independent) journalism.*)`,
	// Apps and social follow.
	`((download|get) (our|the) app.*|follow us( on .{0,40})?|like us on facebook)`,
	// Cookie and consent notices.
	`((this (web)?site|our (web)?site|we) uses? cookies\b.*|by (continuing to (browse|use)|using) (this|our) (web)?site.*|(accept|reject|allow|manage)( all)?( cookies)?|cookie (policy|settings|preferences)|(i )?agree|got it)`,
	// The same in the languages of legacy-encoded sources: Russian,
	// Ukrainian, German, French, Spanish.
	`(реклама|комментарии|коментарі|комментарии ?\(\d+\)|коментарі ?\(\d+\)|\d+ (комментари[йяев]+|коментар[іяів]*)|поделиться|поділитися|читайте (также|також)( ?: .*)?|читать (далее|дальше)|читати (далі|більше)|подписаться|підписатися|подпишитесь .*|підпишіться .*|смотрите также|дивіться також|нашли ошибку.*|знайшли помилку.*)`,
	`(anzeige|werbung|kommentare( \(\d+\))?|teilen|weiterlesen|mehr zum thema|publicité|commentaires( \(\d+\))?|partager|lire aussi( ?: .*)?|lire la suite|publicidad|comentarios( \(\d+\))?|compartir|leer más|lee también( ?: .*)?)`,
	// Captions, credits and gallery controls.
	`((image|picture|photo) (copyright|caption|credit)\b.{0,160}|getty images|back to (the )?gallery|skip advertisement|\d{1,3} (of|/) \d{1,3})`,
	// Date lines and links back to a section.
	`((published|updated|posted|last updated)( on)?:? [^.]{0,50}\d[^.]{0,30}|(back|return) to (news|top|home|homepage|the article|article|story|search|results|the list|list))`,
	// Scripts disabled, reading time, copyright, topic lists.
	`((please )?enable javascript.*|listen to (this )?(article|story).{0,20}|\d+ min(ute)?s? read|(©|\(c\) ?\d{4}|copyright ?©? ?\d{4}).*|all rights reserved\.?|(tags|topics|filed under): .*)`,
}

// imageCredit ends a caption line: "Pensioners are targeted (Image: GETTY)".
// It is kept out of the line matcher, where a pattern that may start with
// anything would meet every line; only lines ending with ")" try it.
var imageCredit = regexp.MustCompile(`(?i)\((image|photo|picture|pic)s?: [^()]{1,60}\)$`)

// maxDebrisLine bounds the lines checked: debris is short, and skipping long
// paragraphs keeps the check cheap on large imports.
const maxDebrisLine = 400

// Patterns returns the built-in debris patterns, as documented in the
// package comment. Each is matched against a whole trimmed line,
// case-insensitively.
func Patterns() []string {
	return append([]string(nil), builtinDebris...)
}

// builtin compiles the patterns on first use, not at start-up: the window
// and most commands never flag debris, and compiling costs tens of
// milliseconds and megabytes.
var builtin = sync.OnceValue(func() *lineMatcher { return newLineMatcher(builtinDebris) })

// anchor joins patterns into one case-insensitive whole-line alternation.
func anchor(patterns []string) string {
	return `(?i)^(?:` + strings.Join(patterns, `|`) + `)$`
}

// schemaCache keeps the compiled form of the last schema patterns seen, since
// every file of an import uses the same schema.
var schemaCache struct {
	sync.Mutex
	key string
	re  *regexp.Regexp
}

// schemaRE compiles a schema's own patterns (anchored, case-insensitive).
// A pattern that does not compile is left out: Schema.Validate refuses such
// patterns when the schema is saved.
func schemaRE(schema *annotate.Schema) *regexp.Regexp {
	if schema == nil || len(schema.Debris) == 0 {
		return nil
	}
	key := strings.Join(schema.Debris, "\x00")
	schemaCache.Lock()
	defer schemaCache.Unlock()
	if schemaCache.key == key && schemaCache.re != nil {
		return schemaCache.re
	}
	var ok []string
	for _, p := range schema.Debris {
		if _, err := regexp.Compile(p); err == nil {
			ok = append(ok, `(?:`+p+`)`)
		}
	}
	if len(ok) == 0 {
		return nil
	}
	re, err := regexp.Compile(anchor(ok))
	if err != nil {
		return nil
	}
	schemaCache.key, schemaCache.re = key, re
	return re
}

// trimDecoration strips spaces and the bullets, arrows and rules that
// surround debris lines ("— Advertisement —", "» Read more").
func trimDecoration(line string) string {
	return strings.TrimFunc(line, func(r rune) bool {
		if unicode.IsSpace(r) {
			return true
		}
		switch r {
		case '•', '·', '|', '›', '»', '«', '‹', '-', '–', '—', '*', '#', '_', '=', '~', '[', ']', '\u200b', '\ufeff':
			return true
		}
		return false
	})
}

// maxDateLine is the longest line checked for being a bare date.
const maxDateLine = 40

// isDateLine reports whether a short line is nothing but a date ("Friday, 8
// March 2024", "2024-03-08"): a dateline, never a sentence of the story.
func isDateLine(t string, n int) bool {
	if n > maxDateLine || strings.IndexFunc(t, unicode.IsDigit) < 0 {
		return false
	}
	_, ok := normalizeDate(t)
	return ok
}

// isDebris reports whether one line is page debris.
func isDebris(line string, custom *regexp.Regexp) bool {
	if len(line) > maxDebrisLine*4 {
		return false
	}
	t := trimDecoration(line)
	n := annotate.RuneCount(t)
	if n == 0 || n > maxDebrisLine {
		return false
	}
	if builtin().match(t, n) || (strings.HasSuffix(t, ")") && imageCredit.MatchString(t)) || isDateLine(t, n) {
		return true
	}
	return custom != nil && (custom.MatchString(t) || custom.MatchString(strings.TrimSpace(line)))
}

// recirculationHeadings open a block of links to other stories: the short
// headline and teaser lines after them are debris too (see Debris).
var recirculationHeadings = regexp.MustCompile(`(?i)^(other topics of interest|read more|read also|also read|related( articles| stories| content| coverage| news| topics| reading)?|more (on|about) this (story|topic)|more stories|more news|(you|we think you) (may|might) (also )?(like|be interested in)|recommended( for you| stories| reading)?|most (read|popular|viewed|shared)|top stories|editor'?s picks|in other news|latest news|our latest stories|(see|read) also|читайте (также|также:)|смотрите также|читайте також|дивіться також|mehr zum thema|lire aussi|lee también)\s*:?$`)

// trailingPhrases mark the comment, correction and share prompts that pages
// put after the story's last paragraph. Matched anywhere in a short line,
// and only after the last paragraph of prose (see Debris).
var trailingPhrases = regexp.MustCompile(`(?i)(ctrl ?\+ ?enter|highlight (the|a|this) (text|passage|fragment)|(write|post|add|leave) (the first|a|your) comment|(be|was) the first to comment|\bcomments? (are|is) (closed|disabled)|(spotted|found|notice[d]?|see) (an? )?(error|mistake|typo)|(report|suggest) (an? )?(error|mistake|typo|correction)|share (this|on|via)\b|нашли (ошибку|опечатку)|знайшли помилку|напишите (первый )?комментарий|оставьте комментарий)`)

// Shape limits of the positional rules, in code points.
const (
	maxTeaserHeadline = 120 // a teaser headline: short, no closing full stop
	maxTeaser         = 100 // a teaser's one-sentence summary; a story paragraph is longer
	maxTrailing       = 200 // a trailing prompt
	minProse          = 80  // a paragraph of prose is at least this long and ends a sentence
	maxTeaserRun      = 12  // lines a recirculation block may hold
)

// endsSentence reports whether line ends like a sentence.
func endsSentence(line string) bool {
	line = strings.TrimRight(line, " \t\"'”’»)")
	return strings.HasSuffix(line, ".") || strings.HasSuffix(line, "!") || strings.HasSuffix(line, "?") ||
		strings.HasSuffix(line, "…") || strings.HasSuffix(line, "。")
}

// sentences counts the sentence ends in line, roughly.
func sentences(line string) int {
	n := 0
	for _, sep := range []string{". ", "! ", "? ", "… "} {
		n += strings.Count(line, sep)
	}
	if endsSentence(line) {
		n++
	}
	return n
}

func isProse(line string, n int) bool {
	return n >= minProse && endsSentence(line)
}

// isTeaserHeadline: a headline of another story, short, four words or
// more (a story's own subheadings are often shorter), no closing full stop.
func isTeaserHeadline(line string, n int) bool {
	return n <= maxTeaserHeadline && len(strings.Fields(line)) >= 4 && !strings.HasSuffix(strings.TrimSpace(line), ".")
}

// textLine is one line of the text being checked.
type textLine struct {
	text   string
	start  int // code-point offset
	n      int // length in code points
	debris bool
}

// Debris flags the page-debris lines of text: each range covers one line
// without its line break, in code points, sorted and non-overlapping. With
// strip the lines are removed instead (annotate.StripLines) and no range is
// returned.
//
// A line is debris when it matches a pattern (see the package comment), and
// by its position and shape:
//   - after a recirculation heading ("Other Topics of Interest", "Read
//     more", "Related"), the teaser headlines that follow it (short, four
//     words or more, no closing full stop), each optionally followed by one
//     short one-sentence teaser, up to the next other line;
//   - after the story's last paragraph of prose, short lines carrying a
//     comment, correction or share prompt ("You can also highlight the text
//     and press Ctrl + Enter", "Write the first comment for this!").
func Debris(text string, schema *annotate.Schema, strip bool) (string, []annotate.Range) {
	custom := schemaRE(schema)
	var lines []textLine
	cp := 0 // code-point offset of the current line
	for rest := text; ; {
		line, tail, more := strings.Cut(rest, "\n")
		n := annotate.RuneCount(line)
		lines = append(lines, textLine{text: line, start: cp, n: n, debris: isDebris(line, custom)})
		cp += n + 1
		if !more {
			break
		}
		rest = tail
	}
	flagRecirculation(lines)
	flagTrailing(lines)
	var ranges []annotate.Range
	for _, l := range lines {
		if l.debris {
			ranges = append(ranges, annotate.Range{Start: l.start, End: l.start + l.n})
		}
	}
	if !strip {
		return text, ranges
	}
	return annotate.StripLines(text, ranges), nil
}

// flagRecirculation flags the teaser lines after each recirculation heading.
func flagRecirculation(lines []textLine) {
	for i := 0; i < len(lines); i++ {
		t := trimDecoration(lines[i].text)
		if t == "" || lines[i].n > maxTeaserHeadline || !recirculationHeadings.MatchString(t) {
			continue
		}
		lines[i].debris = true
		afterHeadline, run := false, 0
		j := i + 1
	teasers:
		for ; j < len(lines) && run < maxTeaserRun; j++ {
			l := &lines[j]
			t := trimDecoration(l.text)
			n := annotate.RuneCount(t)
			switch {
			case t == "":
				continue
			case l.debris:
				afterHeadline = false
			case isTeaserHeadline(t, n):
				l.debris, afterHeadline = true, true
			case afterHeadline && n <= maxTeaser && sentences(t) == 1:
				l.debris, afterHeadline = true, false
			default:
				break teasers // the story goes on
			}
			run++
		}
		i = j - 1
	}
}

// flagTrailing flags the comment, correction and share prompts after the
// last paragraph of prose.
func flagTrailing(lines []textLine) {
	last := -1
	for i, l := range lines {
		if !l.debris && isProse(trimDecoration(l.text), l.n) {
			last = i
		}
	}
	for i := last + 1; i < len(lines); i++ {
		l := &lines[i]
		if !l.debris && l.n <= maxTrailing && trailingPhrases.MatchString(l.text) {
			l.debris = true
		}
	}
}
