// Package ingest imports real-world articles: saved web pages (HTML and
// MHTML), text in legacy encodings, and text carrying page debris. It never
// fetches anything a page references.
//
// # Web pages
//
// The page's bytes are decoded by, in order: a byte order mark, an MHTML
// part's charset, an XML declaration, a <meta charset> or http-equiv
// Content-Type in the head, the import's --encoding, else strict UTF-8
// (invalid bytes are refused with their offset). --encoding also overrides a
// UTF-8 declaration that the bytes prove wrong, and never touches a file that
// is valid UTF-8 (see Decode), so one import may mix legacy and UTF-8 files.
//
// Scripts, styles, templates, forms, media, hidden and screen-reader-only
// text, readers' comment sections, ARIA furniture landmarks (navigation,
// complementary, banner, ...) and the short blocks around a story
// (standfirst, byline, reading time, captions and credits, author bio,
// sign-off, named by class) are dropped first; <article> elements holding
// only linked teaser headlines are demoted to plain blocks. The story is
// then chosen by go-trafilatura (no fallback extractors, no date scan, nothing
// fetched); when it finds less than 250 characters the page's <article>, else
// its body, is read whole. Paragraphs, headings, list items and table rows
// become blank-line separated paragraphs, <br> a line break; a long
// paragraph repeated word for word is kept once; the headline is kept first
// and the short lines before it (menus, kickers) are dropped; a page without
// a headline element may still open with its title, found the same way. Metadata
// sources are listed on pageMeta.record.
//
// # Page debris
//
// A debris line is a whole line that, once surrounding spaces and decoration
// (• · | › » « - – — * # _ = ~ [ ]) are trimmed, matches one of the patterns
// below case-insensitively from start to end. Lines over 400 characters are
// never debris. The built-in patterns (Patterns) cover:
//
//	advertising       Advertisement, Ads, Sponsored content, Story continues below advertisement
//	recirculation     Other Topics of Interest, Related stories, You may also like, Most read, Top stories
//	comments          Comments, Comments (12), 3 comments, Write the first comment, View all comments,
//	                  Be the first to comment, Join the conversation, Comments are closed
//	corrections       To suggest a correction, contact the newsroom. / Report an error
//	sharing           Share this article, Share on Facebook, Tweet, Email, Print,
//	                  Facebook Twitter WhatsApp (two or more share buttons on one line)
//	lone links        https://example.org/newsletter, www.example.org, <https://...>
//	read more         Read more, Read the full story, Continue reading, Click here to ..., Show more,
//	                  Read more: <headline>, See also: ..., Related: ..., Watch: ...
//	navigation        Skip to content, Back to top, Next article, Loading..., Menu, Search, Home, Close
//	subscriptions     Subscribe, Subscribe to our newsletter, Sign up for ..., Sign in,
//	                  Already a subscriber?, Subscribe to continue reading ..., Support our journalism ...
//	apps and follows  Download our app, Follow us on Twitter, Like us on Facebook
//	cookie notices    We use cookies ..., This site uses cookies ..., By continuing to browse this site ...,
//	                  Accept all cookies, Reject all, Cookie settings, I agree, Got it
//	captions          Image copyright Reuters, Image caption ..., ... (Image: GETTY), Getty Images,
//	                  Back to Gallery, Skip advertisement, 1 of 12
//	date lines        Published: 14 February 2024, Updated 9:14 PM UTC, ..., Back to news, and a line
//	                  of up to 40 characters that is only a date (Friday, 8 March 2024)
//	other             Please enable JavaScript ..., Listen to this article, 4 min read,
//	                  © 2024 Example News, All rights reserved., Tags: ..., Topics: ...
//	other languages   Реклама, Комментарии (3), Коментарі, Поделиться, Читайте также, Подписаться,
//	                  Anzeige, Werbung, Kommentare, Publicité, Lire aussi, Publicidad, Comentarios, ...
//
// Lines are also flagged by position and shape. After a recirculation
// heading (Other Topics of Interest, Read more, Related, Most read, ...), the
// teaser headlines that follow it (up to 120 characters, four words or more,
// no closing full stop), each optionally followed by one one-sentence teaser
// of up to 100 characters, are debris up to the first other line. After the
// story's last paragraph of prose (80 characters or more, ending a
// sentence), short lines carrying a comment, correction or share prompt are
// debris: "You can also highlight the text and press Ctrl + Enter", "Write the
// first comment for this!", "Spotted an error?", "Share this on ...".
//
// A schema's own Debris patterns (regular expressions) are matched the same
// way: against the whole trimmed line, anchored for you, case-insensitive
// unless the pattern says (?-i).
//
// By default the text is kept whole and the debris lines are returned as
// code-point ranges, so the analyst sees them dimmed and can strip them
// before annotating; with strip the lines are removed at import (StripLines).
package ingest
