// Package formats exports Byline's annotations to the files NLP tools load
// and reads the peer tools' files back in. /work/shared/FORMATS.md is the
// reference for every format; this package follows its conformance
// checklist (section 11).
//
// Exports: byline (native JSONL, lossless, the reference), prodigy, doccano,
// labelstudio, brat, conll and hf; see Names. Every export streams record by
// record (memory stays flat in corpus size), writes the exact stored text
// its offsets index into, counts offsets in code points (doccano can count
// UTF-16 units instead), and writes a manifest: <out>.manifest.json beside a
// single output file, or manifest.json inside the output folder (brat, and
// any export with a --split, which writes train/dev/test files into a
// folder). Files are written under temporary names and renamed when the
// export succeeds.
//
// Formats without native quotes carry them as a span layer: QUOTE spans
// (one per content segment, quotation marks included), CUE spans, and
// relations SPEAKER (quote -> speaker entity), CUE (quote -> cue) and
// CONTINUES (segment -> next segment of a split quote). Token formats use
// annotate.Tokenize, the tokens the article view snaps selections to; where
// an exported span starts or ends inside a token, that token is split there
// for that document (counted in the manifest), so no span is dropped or moved
// for alignment.
//
// Imports: Readers returns annotate.Readers for doccano, Prodigy, Label
// Studio and brat files; they map the quote layer above back to quotes.
package formats
