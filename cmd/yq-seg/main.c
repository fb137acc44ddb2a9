/*
 * yq-seg: Chinese word segmentation.  Adds "tokens" (and "pos",
 * "keywords") to each record from its title and text.
 */
#include <math.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datapath.h"
#include "each.h"
#include "opt.h"
#include "record.h"
#include "seg.h"
#include "utf8.h"
#include "wordset.h"
#include "yq.h"

enum { O_SEARCH = 256, O_FINE, O_NOHMM, O_NOPUNCT, O_NOSTOP, O_DICT, O_PLAIN, O_HMMF,
	O_IDF };

static const struct yq_option options[] = {
	{ "field", 'F', 1, "LIST", "fields to segment, comma-separated (title,text)" },
	{ "pos", 'p', 0, NULL, "add part-of-speech tags as \"pos\"" },
	{ "keywords", 'k', 1, "N", "add the N top TF-IDF keywords as \"keywords\"" },
	{ "search", O_SEARCH, 0, NULL, "also emit the dictionary words inside long words" },
	{ "fine", O_FINE, 0, NULL, "bakeoff granularity: 三 个, 江 泽民, 检察 机关" },
	{ "user-dict", 'u', 1, "FILE", "add the words of a jieba-format user dictionary" },
	{ "no-hmm", O_NOHMM, 0, NULL, "do not guess unknown words with the HMM" },
	{ "no-punct", O_NOPUNCT, 0, NULL, "drop punctuation tokens" },
	{ "no-stop", O_NOSTOP, 0, NULL, "drop stopwords" },
	{ "dict", O_DICT, 1, "FILE", "compiled dictionary (default seg.bin in the data path)" },
	{ "plain", O_PLAIN, 0, NULL, "read lines of text, write words separated by two spaces" },
	{ 0 }
};

static const struct yq_cmd cmd = {
	"yq-seg", "[options] [file ...]", "segment Chinese text into words",
	options, YQ_OPT_IO | YQ_OPT_OUTPUT
};

static const struct yq_option compile_options[] = {
	{ "words", 'w', 1, "FILE", "jieba-format dictionary (word freq tag)" },
	{ "hmm", O_HMMF, 1, "FILE", "HMM tables in cppjieba's hmm_model layout" },
	{ "idf", O_IDF, 1, "FILE", "IDF list (word idf)" },
	{ 0 }
};

static const struct yq_cmd compile_cmd = {
	"yq-seg compile", "--words FILE --hmm FILE --idf FILE -o FILE",
	"compile the dictionary, HMM and IDF tables into one mapped file",
	compile_options, YQ_OPT_OUTPUT
};

static const char *const subcommands[] = {
	"compile", "build the compiled dictionary from its text sources", NULL
};

static const struct yq_cmd *const subtables[] = { &compile_cmd, NULL };

struct conf {
	struct dict d;
	struct segopts so;
	const char *fields[8];
	char *fieldbuf;		/* the --field list, split in place */
	int nfields;
	int pos, search, nopunct, nostop, plain;
	long keywords;
	json_t *stop;		/* stopwords as an object used as a set */
};

/* ------------------------------------------------------------ stopwords */

static int
is_stop(const struct conf *cf, const char *w, size_t n)
{
	char buf[256];

	if (cf->stop == NULL || n >= sizeof buf)
		return 0;
	memcpy(buf, w, n);
	buf[n] = '\0';
	return ws_has(cf->stop, buf);
}

/* ------------------------------------------------------------ keywords */

struct kw {
	const char *w;
	size_t n;
	int count, first;
	double weight;
};

static int
kw_cmp(const void *a, const void *b)
{
	const struct kw *x = a, *y = b;

	if (x->weight != y->weight)
		return x->weight < y->weight ? 1 : -1;
	return x->first - y->first;
}

/* jieba's TF-IDF: count * idf / total, over words of two characters or more. */
static json_t *
keywords(const struct conf *cf, const char *text, const struct tokens *t)
{
	struct kw *v = xcalloc(t->n + 1, sizeof *v);
	json_t *out = json_array();
	size_t i, j, n = 0, total = 0;

	for (i = 0; i < t->n; i++) {
		const struct token *tk = &t->v[i];
		const char *w = text + tk->off;

		if (tk->cls == TK_PUNCT || tk->cls == TK_URL || tk->cls == TK_NUM ||
		    utf8_len(w, tk->len) < 2 || is_stop(cf, w, tk->len))
			continue;
		total++;
		for (j = 0; j < n; j++)
			if (v[j].n == tk->len && memcmp(v[j].w, w, tk->len) == 0)
				break;
		if (j == n) {
			v[n].w = w;
			v[n].n = tk->len;
			v[n].first = n;
			n++;
		}
		v[j].count++;
	}
	for (j = 0; j < n; j++)
		v[j].weight = v[j].count * dict_idf(&cf->d, v[j].w, v[j].n) / total;
	qsort(v, n, sizeof *v, kw_cmp);
	for (j = 0; j < n && j < (size_t)cf->keywords; j++)
		json_array_append_new(out, json_pack("[s#f]", v[j].w, (int)v[j].n,
		    round(v[j].weight * 10000) / 10000));
	free(v);
	return out;
}

/* ------------------------------------------------------------ records */

static int
keep(const struct conf *cf, const char *text, const struct token *tk)
{
	if (cf->nopunct && tk->cls == TK_PUNCT)
		return 0;
	if (cf->nostop && is_stop(cf, text + tk->off, tk->len))
		return 0;
	return 1;
}

/* --search: the dictionary words of 2 and 3 characters inside a longer word. */
static void
sub_words(const struct conf *cf, const char *w, size_t len, json_t *tokens,
    json_t *pos, const char *tag)
{
	size_t starts[64], n = 0, i, k;
	int span;

	for (i = 0; i < len && n < 63; i += k) {
		uint32_t c;

		starts[n++] = i;
		k = utf8_decode(w + i, len - i, &c);
		if (k == 0)
			k = 1;
	}
	starts[n] = len;
	if (n < 3)
		return;
	for (span = 2; span <= 3; span++)
		for (i = 0; i + span < n + (span < (int)n ? 1 : 0) && i + span <= n; i++) {
			const char *s = w + starts[i];
			size_t l = starts[i + span] - starts[i];
			const struct slot *sl;

			if ((size_t)span == n)
				continue;
			sl = dict_get(&cf->d, dict_hash(DICT_HASH_INIT, s, l), l);
			if (sl == NULL || sl->val <= SEG_NOWORD)
				continue;
			json_array_append_new(tokens, json_stringn(s, l));
			if (pos != NULL)
				json_array_append_new(pos, json_string(tag));
		}
}

/*
 * The text segmented of a record at most, in bytes: its words and
 * keywords come from the first SEG_TEXT_MAX bytes of its fields, so
 * that a long text costs bounded memory and time, and the record's
 * line, its words added, stays within the line limit of the tools
 * after this one (yq-record(7)).
 */
#define SEG_TEXT_MAX (1u << 18)

/*
 * The fields the segmentation of obj adds, set in add.  Returns the
 * bytes of its fields (more than SEG_TEXT_MAX: not all were segmented).
 */
static size_t
segment_record(struct conf *cf, json_t *obj, json_t *add)
{
	struct tokens t = { NULL, 0, 0 };
	json_t *tokens = json_array(), *pos = cf->pos ? json_array() : NULL;
	const char *v[8];
	char *norm;
	size_t nlen, i, total;
	int f;

	for (f = 0; f < cf->nfields && f < 8; f++)
		v[f] = rec_str(obj, cf->fields[f]);
	norm = seg_fields(&cf->d, &cf->so, v, f, SEG_TEXT_MAX, &nlen, &total, &t);
	for (i = 0; i < t.n; i++) {
		const struct token *tk = &t.v[i];
		const char *tag;

		if (!keep(cf, norm, tk))
			continue;
		tag = seg_tag(&cf->d, tk, norm);
		if (cf->search && (tk->cls == TK_WORD || tk->cls == TK_HMM))
			sub_words(cf, norm + tk->off, tk->len, tokens, pos, tag);
		json_array_append_new(tokens, json_stringn(norm + tk->off, tk->len));
		if (pos != NULL)
			json_array_append_new(pos, json_string(tag));
	}
	json_object_set_new(add, "tokens", tokens);
	if (pos != NULL)
		json_object_set_new(add, "pos", pos);
	if (cf->keywords > 0)
		json_object_set_new(add, "keywords", keywords(cf, norm, &t));
	free(t.v);
	free(norm);
	return total;
}

struct segmenting {
	struct conf *cf;
	struct rec_out *out;
};

/* One record: its words added and written. */
static int
seg_one(void *ctx, struct rec_in *in, json_t *obj)
{
	struct segmenting *sg = ctx;
	json_t *add = json_object();
	const char *raw;
	size_t rawlen, n;
	int r;

	if ((n = segment_record(sg->cf, obj, add)) > SEG_TEXT_MAX)
		yq_warnx("%s:%lu: text of %zu bytes: words of the first %u only",
		    rec_in_name(in), rec_in_lineno(in), n, SEG_TEXT_MAX);
	raw = rec_in_raw(in, &rawlen);
	if ((r = rec_out_extend(sg->out, obj, raw, rawlen, add)) > 0)
		yq_warnx("%s:%lu: written without its words: with them the line "
		    "would pass the limit", rec_in_name(in), rec_in_lineno(in));
	json_decref(add);
	return r < 0 ? EACH_STOP : EACH_ON;
}

static int
run_records(struct conf *cf, struct yq_common *c, int argc, char **argv)
{
	struct segmenting sg = { cf, NULL };
	struct rec_in *in;
	int failed = 0;

	if ((in = rec_in_new(&c->rec)) == NULL)
		return YQ_EXIT_IO;
	if ((sg.out = rec_out_open(c->output)) == NULL) {
		rec_in_free(in, NULL);
		return YQ_EXIT_IO;
	}
	rec_each(in, argc - optind, argv + optind, seg_one, &sg, &failed);
	return rec_finish(in, sg.out, failed);
}

/*
 * How much of s (n bytes) --plain segments at once: all of it up to
 * SEG_TEXT_MAX, else a window that ends after the last space or
 * sentence punctuation of its last 4 KiB (a word seldom spans those),
 * or at a character's boundary.  Windows keep a long line's memory
 * bounded, as a record's text is (segment_record).
 */
static size_t
plain_window(const char *s, size_t n)
{
	static const char *const stops[] = { "\u3002", "\uff0c", "\uff01",
	    "\uff1f", "\uff1b", "\u3001", NULL };
	size_t i, j;

	if (n <= SEG_TEXT_MAX)
		return n;
	for (i = SEG_TEXT_MAX; i > SEG_TEXT_MAX - 4096; i--) {
		if (s[i - 1] == ' ' || s[i - 1] == '\t' || s[i - 1] == '.')
			return i;
		for (j = 0; stops[j] != NULL; j++)
			if (i >= 3 && memcmp(s + i - 3, stops[j], 3) == 0)
				return i;
	}
	i = utf8_fit(s, n, SEG_TEXT_MAX);
	return i > 0 ? i : SEG_TEXT_MAX;
}

/*
 * Write the words of s (n bytes, one window) to *buf (grown as needed,
 * *blen bytes used), two spaces apart, after those of the windows
 * before it.
 */
static void
plain_words(struct conf *cf, const char *s, size_t n, struct tokens *t,
    char **buf, size_t *cap, size_t *blen)
{
	char *norm;
	unsigned char *wide;
	size_t nlen, k;

	norm = seg_normalise_wide(s, n, &nlen, &wide);
	t->n = 0;
	seg_text_wide(&cf->d, &cf->so, norm, wide, nlen, t);
	free(wide);
	/* The words with their spaces are at most three times the text. */
	if (*blen + nlen * 3 + 4 > *cap) {
		*cap = *blen + nlen * 3 + 4;
		*buf = xrealloc(*buf, *cap);
	}
	for (k = 0; k < t->n; k++) {
		if (!keep(cf, norm, &t->v[k]))
			continue;
		if (*blen > 0) {
			(*buf)[(*blen)++] = ' ';
			(*buf)[(*blen)++] = ' ';
		}
		memcpy(*buf + *blen, norm + t->v[k].off, t->v[k].len);
		*blen += t->v[k].len;
	}
	free(norm);
}

/* --plain: lines of text in, words separated by two spaces out. */
static int
run_plain(struct conf *cf, struct yq_common *c, int argc, char **argv)
{
	struct rec_out *out;
	struct linereader *lr;
	struct tokens t = { NULL, 0, 0 };
	char *line, *outbuf = NULL;
	size_t len, off, w, olen, cap = 0;
	FILE *fp;
	int i, r, said, failed = 0;

	if ((out = rec_out_open(c->output)) == NULL)
		return YQ_EXIT_IO;
	fp = rec_out_file(out);
	for (i = optind; i < argc || i == optind; i++) {
		const char *path = i < argc ? argv[i] : "-";

		if ((lr = lr_open(path, c->rec.max_line)) == NULL) {
			yq_warn("cannot open '%s'", path);
			failed = 1;
			continue;
		}
		while ((r = lr_next(lr, &line, &len)) != REC_EOF) {
			if (r == REC_ERR) {
				yq_warnx("%s: %s", path, lr_error(lr));
				failed = 1;
				break;
			}
			if (r == REC_BAD) {
				yq_warnx("%s:%lu: %s", path, lr_lineno(lr), lr_error(lr));
				continue;
			}
			/* A long line a window at a time, each written at once. */
			said = 0;
			for (off = 0; off < len; off += w) {
				w = plain_window(line + off, len - off);
				olen = 0;
				plain_words(cf, line + off, w, &t, &outbuf, &cap, &olen);
				if (olen > 0 && said++ > 0)
					fputs("  ", fp);
				fwrite(outbuf, 1, olen, fp);
			}
			fputc('\n', fp);
		}
		lr_close(lr);
	}
	free(t.v);
	free(outbuf);
	if (rec_out_broken(out)) {
		rec_out_close(out, 0);
		return YQ_EXIT_OK;
	}
	return rec_out_close(out, failed) < 0 || failed ? YQ_EXIT_IO : YQ_EXIT_OK;
}

static int
run_compile(int argc, char **argv)
{
	struct yq_common c;
	const char *arg, *words = NULL, *hmm = NULL, *idf = NULL;
	int ch;

	yq_common_init(&c, "yq-seg");
	optind = 2;
	while ((ch = yq_getopt(&compile_cmd, argc, argv, &c, &arg)) != -1) {
		switch (ch) {
		case YQ_GETOPT_EXIT:
			return c.exit_status;
		case 'w':
			words = arg;
			break;
		case O_HMMF:
			hmm = arg;
			break;
		case O_IDF:
			idf = arg;
			break;
		}
	}
	if (words == NULL || hmm == NULL || idf == NULL || c.output == NULL ||
	    optind != argc) {
		yq_usage(&compile_cmd, stderr);
		return YQ_EXIT_USAGE;
	}
	return dict_compile(words, hmm, idf, c.output) < 0 ? YQ_EXIT_USAGE : 0;
}

static int
parse_fields(struct conf *cf, const char *list)
{
	char *p, *save;

	free(cf->fieldbuf);
	cf->fieldbuf = xstrdup(list);
	cf->nfields = 0;
	for (p = strtok_r(cf->fieldbuf, ",", &save); p;
	    p = strtok_r(NULL, ",", &save)) {
		if (cf->nfields == 8)
			return -1;
		cf->fields[cf->nfields++] = p;
	}
	return cf->nfields > 0 ? 0 : -1;
}

/* The dictionaries a run segments with. */
struct dicts {
	const char *path;	/* --dict, or NULL: seg.bin in the data path */
	const char *users[32];	/* --user-dict files */
	int nusers;
};

/* One option into cf and dd. */
static void
take_opt(int ch, const char *arg, struct conf *cf, struct dicts *dd)
{
	const char *err;

	switch (ch) {
	case 'F':
		if (parse_fields(cf, arg) < 0)
			die(YQ_EXIT_USAGE, "invalid --field list: '%s'", arg);
		break;
	case 'p': cf->pos = 1; break;
	case 'k':
		cf->keywords = yq_strtonum(arg, 0, 1000, &err);
		if (err != NULL)
			die(YQ_EXIT_USAGE, "--keywords is %s: '%s'", err, arg);
		break;
	case O_SEARCH: cf->search = 1; break;
	case 'u':
		if (dd->nusers == 32)
			die(YQ_EXIT_USAGE, "at most 32 user dictionaries");
		dd->users[dd->nusers++] = arg;
		break;
	case O_FINE: cf->so.fine = cf->so.numbers = 1; break;
	case O_NOHMM: cf->so.hmm = 0; break;
	case O_NOPUNCT: cf->nopunct = 1; break;
	case O_NOSTOP: cf->nostop = 1; break;
	case O_DICT: dd->path = arg; break;
	case O_PLAIN: cf->plain = 1; break;
	}
}

/*
 * Load the dictionary, the user dictionaries and (for --no-stop and
 * keywords) the stopwords into cf; 0, or the exit status.
 */
static int
load(struct conf *cf, const struct dicts *dd)
{
	char *path = dd->path ? xstrdup(dd->path) : yq_datafile("seg.bin");
	int i, r;

	if (path == NULL)
		die(YQ_EXIT_IO, "cannot find the dictionary seg.bin in the data path "
		    "($YQ_DATA, %s, the build tree's dict/): run make", YQ_DATADIR);
	r = dict_load(&cf->d, path);
	free(path);
	if (r < 0)
		return YQ_EXIT_IO;
	for (i = 0; i < dd->nusers; i++)
		if (dict_load_user(&cf->d, dd->users[i]) < 0)
			return YQ_EXIT_USAGE;
	if ((cf->nostop || cf->keywords > 0) &&
	    (cf->stop = ws_load("stopwords.txt")) == NULL) {
		if (errno == ENOENT)
			yq_warnx("cannot find stopwords.txt in the data path");
		else if (errno != EINVAL)	/* EINVAL: reported by line */
			yq_warn("cannot read stopwords.txt");
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct yq_common c;
	struct conf cf;
	struct dicts dd = { NULL, { NULL }, 0 };
	const char *arg;
	int ch, status;

	if (argc > 1 && strcmp(argv[1], "compile") == 0)
		return run_compile(argc, argv);
	memset(&cf, 0, sizeof cf);
	cf.so.hmm = 1;
	cf.fields[0] = "title";
	cf.fields[1] = "text";
	cf.nfields = 2;
	yq_common_init(&c, argv[0]);
	yq_subcommands(subcommands);
	yq_subcommand_tables(subtables);
	while ((ch = yq_getopt(&cmd, argc, argv, &c, &arg)) != -1) {
		if (ch == YQ_GETOPT_EXIT)
			return c.exit_status;
		take_opt(ch, arg, &cf, &dd);
	}
	if ((status = load(&cf, &dd)) == 0)
		status = cf.plain ? run_plain(&cf, &c, argc, argv) :
		    run_records(&cf, &c, argc, argv);
	free(cf.fieldbuf);
	json_decref(cf.stop);
	dict_free(&cf.d);
	return status;
}
