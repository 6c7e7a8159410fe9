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
// is valid UTF-8 (see Decode), so one import may mix legacy and UTF-8 files. The article is what is left
// once scripts, styles, forms, media, navigation, asides, headers, footers,
// comment sections, ads, share widgets, cookie banners and link lists are
// dropped, taken from the <article> or <main> element when it holds the
// story, else from the element with the most prose. Paragraphs, headings,
// list items and captions become blank-line separated paragraphs; the
// headline is kept first. Metadata sources are listed on pageMeta.record.
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
//	other             Please enable JavaScript ..., Listen to this article, 4 min read,
//	                  © 2024 Example News, All rights reserved., Tags: ..., Topics: ...
//	other languages   Реклама, Комментарии (3), Коментарі, Поделиться, Читайте также, Подписаться,
//	                  Anzeige, Werbung, Kommentare, Publicité, Lire aussi, Publicidad, Comentarios, ...
//
// A schema's own Debris patterns (regular expressions) are matched the same
// way: against the whole trimmed line, anchored for you, case-insensitive
// unless the pattern says (?-i).
//
// By default the text is kept whole and the debris lines are returned as
// code-point ranges, so the analyst sees them dimmed and can strip them
// before annotating; with strip the lines are removed at import (StripLines).
package ingest
