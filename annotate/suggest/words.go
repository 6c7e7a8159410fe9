package suggest

// Word lists the speaker rules use. All lowercase; compared with folded
// tokens.

// pronounLabels maps a subject pronoun to the labels of the entities it can
// refer to.
var pronounLabels = map[string][]string{
	"he": {"PERSON"}, "she": {"PERSON"}, "they": {"PERSON", "ORG", "NORP", "GPE"}, "it": {"ORG", "GPE"},
	"он": {"PERSON"}, "она": {"PERSON"}, "они": {"PERSON", "ORG"},
	"він": {"PERSON"}, "вона": {"PERSON"}, "вони": {"PERSON", "ORG"},
	"er": {"PERSON"}, "sie": {"PERSON", "ORG"},
	"il": {"PERSON"}, "elle": {"PERSON"}, "ils": {"PERSON", "ORG"}, "elles": {"PERSON"},
}

// titleWords are stripped from the front of a name ("Foreign Minister
// Sergei Lavrov" -> "Sergei Lavrov").
var titleWords = set("president", "minister", "foreign", "prime", "secretary", "chancellor", "spokesman",
	"spokeswoman", "spokesperson", "general", "senator", "sen", "governor", "gov", "mayor", "ambassador",
	"director", "chief", "deputy", "vice", "head", "chairman", "chairwoman", "chair", "ceo", "commissioner",
	"envoy", "king", "queen", "prince", "princess", "pope", "judge", "justice", "attorney", "defence", "defense",
	"interior", "finance", "economy", "health", "state", "national", "security", "adviser", "advisor", "rep",
	"representative", "mr", "mrs", "ms", "dr", "prof", "professor", "lt", "col", "colonel", "captain", "capt",
	"lieutenant", "sgt", "sergeant", "commander", "leader", "speaker", "premier", "economist", "analyst",
	"coach", "officer", "official", "executive", "founder", "manager", "sheikh", "emir", "archbishop",
	"bishop", "patriarch", "rabbi", "imam", "cardinal", "pastor", "lawyer", "editor", "mp", "mep",
	"congressman", "congresswoman", "m", "mme", "herr", "frau", "президент", "министр", "глава", "пресс-секретарь",
	"міністр", "голова", "präsident", "kanzler", "bundeskanzler", "ministerin", "président", "ministre")

// orgWords mark a noun phrase or name as an organisation.
var orgWords = set("ministry", "kremlin", "government", "office", "agency", "department", "council",
	"committee", "commission", "parliament", "party", "union", "bank", "police", "army", "military", "court",
	"company", "group", "corporation", "corp", "inc", "ltd", "university", "institute", "foundation",
	"organisation", "organization", "association", "federation", "authority", "authorities", "administration",
	"embassy", "service", "reuters", "tass", "interfax", "pentagon", "cabinet", "senate", "congress", "duma",
	"bundestag", "board", "fund", "watchdog", "secretariat", "coalition", "alliance", "movement", "house",
	"prosecutor's", "prosecutors", "regulator", "firm", "network", "newspaper", "ministry's", "station",
	"airline", "command", "forces", "navy", "guard", "municipality", "министерство", "мид", "кремль",
	"міністерство", "мзс", "ministerium", "regierung", "ministère", "gouvernement")

// notNames are capitalised words that start no name: sentence-initial
// function words, weekdays and months.
var notNames = set("the", "a", "an", "but", "and", "or", "so", "yet", "on", "in", "at", "by", "for", "with",
	"after", "before", "during", "however", "meanwhile", "while", "when", "if", "as", "it", "he", "she",
	"they", "we", "i", "this", "that", "these", "those", "there", "here", "speaking", "asked", "earlier",
	"later", "today", "yesterday", "also", "his", "her", "their", "its", "our", "my", "both", "some", "many",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
	"march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
	"last", "next", "then", "now", "still", "instead", "according", "writing", "addressing", "despite",
	"le", "la", "les", "l'", "un", "une", "des", "der", "die", "das", "ein", "eine", "el", "los", "il")

// determiners start a common noun phrase ("the foreign ministry").
var determiners = set("the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their",
	"our", "one", "two", "three", "several", "some", "many", "other", "another",
	"le", "la", "les", "l'", "un", "une", "der", "die", "das", "ein", "eine")

// beforeCue are auxiliaries and adverbs between a subject and its cue
// ("Lavrov also said", "the ministry has warned").
var beforeCue = set("also", "later", "again", "has", "have", "had", "was", "were", "is", "are", "then",
	"previously", "once", "reportedly", "repeatedly", "further", "would", "will", "separately", "earlier",
	"recently", "subsequently", "publicly", "privately", "bluntly", "flatly", "firmly", "simply", "first",
	"already", "often", "frequently", "had", "has", "even", "angrily", "calmly", "quietly", "told", "tersely",
	"both", "all", "themselves", "himself", "herself", "itself", "too")

// negations before a cue mean nothing was said ("did not say").
var negations = set("not", "n't", "never", "to", "no", "declined", "refused", "without")

// afterNameStops end a speaker phrase after an inverted cue ("said Lavrov
// on Tuesday").
var afterNameStops = set("on", "in", "at", "during", "after", "before", "yesterday", "today", "tonight",
	"last", "late", "earlier", "when", "while", "as", "who", "which", "adding", "according", "told", "said",
	"to", "that", "and", "but", "speaking", "referring", "in", "from", "via", "than", "about", "because",
	"quoted", "cited", "citing", "whose", "where")

// prepositions after a name end it ("Vikram Rao of India").
var prepositions = set("of", "from", "at", "in", "for", "with")

// particles may sit inside a name ("Charles de Gaulle", "Ursula von der Leyen").
var particles = set("de", "van", "von", "der", "den", "al", "bin", "da", "di", "du", "le", "la", "del", "dos", "das", "ibn", "ben")

// adjunctStarts open a time or place phrase between a cue and its clause
// ("said on Tuesday that").
var adjunctStarts = set("on", "in", "at", "late", "earlier", "yesterday", "today", "last", "this", "during",
	"after", "before", "repeatedly", "again", "also", "publicly", "privately", "separately", "recently", "previously")

// conjunctions join two verbs of one subject ("said ... and added ...",
// "said ... but warned ...").
var conjunctions = set("and", "but", "und", "aber", "et", "mais", "и", "но", "і", "та", "але")

// relatives open a relative clause: a cue after one and its subject reports
// nothing ("which critics said was rushed").
var relatives = set("which", "who", "whom", "whose", "what", "который", "которая", "которые", "який", "яка", "які", "qui")

// complementizers introduce a reported clause.
var complementizers = set("that", "что", "що", "dass", "que", "qu'")

// notClause are words after a cue that show it takes no clause ("added to",
// "said by").
var notClause = set("to", "by", "with", "for", "about", "of", "up", "out", "off", "in", "on", "at", "and", "or", "so", ".", "!", "?", ")")

// sourceNouns are documents and channels an "according to" may name: the
// speaker is who holds them ("a statement from the ministry"), never the
// document itself.
var sourceNouns = set("statement", "statements", "report", "reports", "post", "posts", "letter", "letters",
	"release", "communiqué", "communique", "document", "documents", "filing", "memo", "email", "message",
	"transcript", "tweet", "readout", "notice", "announcement", "press", "video", "interview", "survey",
	"study", "poll", "data", "figures", "projections", "estimates", "records", "minutes", "website")

// spokesNouns speak for someone else: "a spokesperson for the port
// authority" speaks for the port authority when no name is given.
var spokesNouns = set("spokesperson", "spokesman", "spokeswoman", "representative", "spokespeople")

// sourceHolders join a source noun to who holds it.
var sourceHolders = set("from", "by", "of")
