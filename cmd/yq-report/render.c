/*
 * render.c: a report document as text for a terminal (columns aligned by
 * display width, colour only when asked), Markdown, CSV (libcsv) or JSON.
 */
#include <csv.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "utf8.h"
#include "yq.h"

/*
 * Columns a character takes on a terminal: 0 for combining marks,
 * zero-width spaces and joiners, variation selectors; 2 for the East Asian
 * Wide and Fullwidth ranges Chinese text meets and the emoji blocks; else
 * 1 (a control character is shown as a space).
 */
static int
cwidth(uint32_t c)
{
	if ((c >= 0x0300 && c <= 0x036f) || (c >= 0x200b && c <= 0x200f) ||
	    (c >= 0x20d0 && c <= 0x20ff) || (c >= 0xfe00 && c <= 0xfe0f) ||
	    c == 0xfeff || (c >= 0xe0100 && c <= 0xe01ef))
		return 0;
	if ((c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0x303e) ||
	    (c >= 0x3041 && c <= 0x33ff) || (c >= 0x3400 && c <= 0x4dbf) ||
	    (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xa000 && c <= 0xa4cf) ||
	    (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
	    (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
	    (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1f64f) ||
	    (c >= 0x1f680 && c <= 0x1f6ff) || (c >= 0x1f900 && c <= 0x1f9ff) ||
	    (c >= 0x20000 && c <= 0x3fffd))
		return 2;
	return 1;
}

size_t
text_width(const char *s)
{
	size_t n = strlen(s), i = 0, k, w = 0;
	uint32_t c;

	while (i < n) {
		if ((k = utf8_decode(s + i, n - i, &c)) == 0)
			k = 1, c = '?';
		w += (size_t)cwidth(c);
		i += k;
	}
	return w;
}

char *
cell_text(json_t *v)
{
	double d;

	if (json_is_string(v))
		return xstrdup(json_string_value(v));
	if (json_is_integer(v))
		return xasprintf("%lld", (long long)json_integer_value(v));
	if (json_is_real(v)) {
		d = json_real_value(v);
		char *t;
		size_t n;

		if (d == floor(d) && fabs(d) < 1e15)
			return xasprintf("%.0f", d);
		/* Two decimals at most, no trailing zero: 91.1, -0.96. */
		t = xasprintf("%.2f", d);
		n = strlen(t);
		if (t[n - 1] == '0')
			t[n - 1] = '\0';
		return t;
	}
	if (json_is_null(v) || v == NULL)
		return xstrdup("-");
	return yq_json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
}

/*
 * Text cut to a display width, with "…" when cut; control characters
 * (a tab in an author's name) become spaces so that columns stay put.
 */
static char *
fit(const char *s, size_t width)
{
	size_t n = strlen(s), i = 0, k, w = 0, o = 0;
	int cut = text_width(s) > width;
	char *out = xmalloc(n + sizeof "…");
	uint32_t c;

	while (i < n) {
		if ((k = utf8_decode(s + i, n - i, &c)) == 0)
			break;
		if (cut && w + (size_t)cwidth(c) + 1 > width)
			break;
		w += (size_t)cwidth(c);
		if (c < 0x20 || c == 0x7f)
			out[o++] = ' ';
		else {
			memcpy(out + o, s + i, k);
			o += k;
		}
		i += k;
	}
	if (cut) {
		memcpy(out + o, "…", sizeof "…" - 1);
		o += sizeof "…" - 1;
	}
	out[o] = '\0';
	return out;
}

/*
 * A sentence for a terminal: broken at width display columns, each line
 * after indent spaces; Chinese breaks between any two characters, a run
 * of ASCII (a number, an id, a word) is not broken; a control
 * character becomes a space, as in tables.
 */
static void
wrapped(FILE *fp, const char *s, size_t indent, size_t width)
{
	size_t n = strlen(s), i = 0, k, w = 0, tw, space = 0;
	uint32_t c;

	fprintf(fp, "%*s", (int)indent, "");
	while (i < n) {
		/* The next piece: a run of printable ASCII, or one character. */
		for (k = 0; i + k < n && (unsigned char)s[i + k] > 0x20 &&
		    (unsigned char)s[i + k] < 0x7f; k++)
			;
		if (k > 0)
			tw = k;
		else {
			if ((k = utf8_decode(s + i, n - i, &c)) == 0)
				k = 1, c = '?';
			tw = (size_t)cwidth(c);
		}
		/* A space is written only before what follows it on its line. */
		if (k == 1 && (s[i] == ' ' || (unsigned char)s[i] < 0x20 || s[i] == 0x7f)) {
			space = w > 0;
			i++;
			continue;
		}
		if (w > 0 && w + space + tw > width) {
			fprintf(fp, "\n%*s", (int)indent, "");
			w = space = 0;
		}
		if (space)
			fputc(' ', fp);
		fwrite(s + i, 1, k, fp);
		w += tw + space;
		space = 0;
		i += k;
	}
	fputc('\n', fp);
}

static void
pad(FILE *fp, size_t n)
{
	while (n-- > 0)
		putc(' ', fp);
}

static const char *
colour_of(json_t *flags, size_t i)
{
	const char *f = json_string_value(json_array_get(flags, i));

	if (f == NULL)
		return NULL;
	if (strcmp(f, "overdue") == 0)
		return "\033[31m";
	if (strcmp(f, "due_soon") == 0)
		return "\033[33m";
	return "\033[35m";
}

#define MAXCOL 16
#define CELL_MAX 40	/* display columns a text cell may take */

static void
text_table(json_t *t, FILE *fp, int colour)
{
	json_t *cols = json_object_get(t, "columns"), *rows = json_object_get(t, "rows");
	json_t *r, *v;
	size_t nc = json_array_size(cols), w[MAXCOL], i, j;
	char *s;

	if (nc > MAXCOL)
		nc = MAXCOL;
	for (j = 0; j < nc; j++)
		w[j] = text_width(json_string_value(json_array_get(cols, j)));
	json_array_foreach(rows, i, r)
		for (j = 0; j < nc; j++) {
			s = cell_text(json_array_get(r, j));
			/* A lone column (reasons, notes) may take the line. */
			if (text_width(s) > w[j])
				w[j] = text_width(s) > CELL_MAX && nc > 1 ? CELL_MAX : text_width(s);
			free(s);
		}
	for (j = 0; j < nc; j++) {
		const char *h = json_string_value(json_array_get(cols, j));

		fprintf(fp, "%s%s", j ? "  " : "  ", h);
		if (j + 1 < nc)
			pad(fp, w[j] - text_width(h));
	}
	fputc('\n', fp);
	json_array_foreach(rows, i, r) {
		const char *c = colour ? colour_of(json_object_get(t, "flags"), i) : NULL;

		fputs("  ", fp);
		if (c)
			fputs(c, fp);
		for (j = 0; j < nc; j++) {
			char *raw = cell_text(v = json_array_get(r, j));

			s = fit(raw, w[j]);
			free(raw);
			if (j)
				fputs("  ", fp);
			/* Numbers to the right, text to the left. */
			if (json_is_number(v))
				pad(fp, w[j] - text_width(s));
			fputs(s, fp);
			if (!json_is_number(v) && j + 1 < nc)
				pad(fp, w[j] - text_width(s));
			free(s);
		}
		if (c)
			fputs("\033[0m", fp);
		fputc('\n', fp);
	}
	if (json_object_get(t, "more_label"))
		fprintf(fp, "  … %s\n", json_string_value(json_object_get(t, "more_label")));
}

/*
 * A stacked chart (sentiment by class): per x, each series' value and
 * one bar whose parts are the series, each in its own glyph.
 */
static void
text_stacked(json_t *ch, FILE *fp)
{
	static const char *const glyph[] = { "█", "▒", "░" };
	json_t *x = json_object_get(ch, "x"), *series = json_object_get(ch, "series"), *v, *s;
	double max = 0, sum;
	size_t i, k, lw = 0, bar;

	json_array_foreach(x, i, v) {
		sum = 0;
		json_array_foreach(series, k, s)
			sum += json_number_value(json_array_get(json_object_get(s, "values"), i));
		max = sum > max ? sum : max;
		if (text_width(json_string_value(v)) > lw)
			lw = text_width(json_string_value(v));
	}
	fprintf(fp, "  %*s", (int)lw + 1, "");
	json_array_foreach(series, k, s)
		fprintf(fp, " %s%s", glyph[k % 3], json_string_value(json_object_get(s, "name")));
	fputc('\n', fp);
	json_array_foreach(x, i, v) {
		int started = 0;

		fprintf(fp, "  %s", json_string_value(v));
		pad(fp, lw - text_width(json_string_value(v)) + 1);
		json_array_foreach(series, k, s)
			fprintf(fp, "%5.0f", json_number_value(json_array_get(
			    json_object_get(s, "values"), i)));
		json_array_foreach(series, k, s) {
			sum = json_number_value(json_array_get(json_object_get(s, "values"), i));
			bar = max > 0 ? (size_t)lround(sum / max * 40) : 0;
			/* One space before the bar, none when there is no bar. */
			if (bar > 0 && !started++)
				fputc(' ', fp);
			while (bar-- > 0)
				fputs(glyph[k % 3], fp);
		}
		fputc('\n', fp);
	}
}

/* Whether a chart is shown outside HTML: not a tree or ranked bars,
 * which are drawn from their section's table. */
static int
plain_chart(json_t *ch)
{
	const char *kind = json_string_value(json_object_get(ch, "kind"));

	return strcmp(kind, "tree") != 0 && strcmp(kind, "hbars") != 0;
}

/* The marks (tipping points) on bar i, after it. */
static void
text_marks(json_t *ch, size_t i, FILE *fp)
{
	json_t *m;
	size_t k;

	json_array_foreach(json_object_get(ch, "marks"), k, m)
		if ((size_t)json_integer_value(json_object_get(m, "x")) == i)
			fprintf(fp, " ◀ %s", json_string_value(json_object_get(m, "label")));
}

/* A chart as rows of bars (volume) or values (sentiment), one per x. */
static void
text_chart(json_t *ch, FILE *fp)
{
	json_t *x = json_object_get(ch, "x"), *s0 = json_array_get(json_object_get(ch, "series"), 0);
	json_t *vals = json_object_get(s0, "values"), *v;
	double max = 0, d;
	size_t i, lw = 0, bar;
	int line = strcmp(json_string_value(json_object_get(ch, "kind")), "line") == 0;

	/* A tree or ranked bars are drawn in HTML only; their section's
	 * table says it all. */
	if (!plain_chart(ch))
		return;
	if (json_is_true(json_object_get(ch, "stacked"))) {
		text_stacked(ch, fp);
		return;
	}
	json_array_foreach(vals, i, v)
		if (json_is_number(v) && fabs(json_number_value(v)) > max)
			max = fabs(json_number_value(v));
	json_array_foreach(x, i, v)
		if (text_width(json_string_value(v)) > lw)
			lw = text_width(json_string_value(v));
	json_array_foreach(x, i, v) {
		json_t *y = json_array_get(vals, i);
		char *s = cell_text(y);

		fprintf(fp, "  %s", json_string_value(v));
		pad(fp, lw - text_width(json_string_value(v)) + 1);
		fprintf(fp, "%6s", s);
		free(s);
		d = json_is_number(y) ? json_number_value(y) : 0;
		if (line)
			bar = (size_t)lround((d + 1) * 10);	/* -1..1 -> 0..20 */
		else
			bar = max > 0 ? (size_t)lround(d / max * 40) : 0;
		if (json_is_number(y) && bar > 0) {
			fputc(' ', fp);
			while (bar-- > 0)
				fputs(line ? "·" : "█", fp);
		}
		text_marks(ch, i, fp);
		fputc('\n', fp);
	}
}

static void
summary_line(json_t *doc, FILE *fp, const char *sep)
{
	json_t *kv;
	size_t i;

	json_array_foreach(json_object_get(doc, "summary"), i, kv) {
		char *v = cell_text(json_array_get(kv, 1));

		fprintf(fp, "%s%s %s", i ? sep : "", json_string_value(json_array_get(kv, 0)), v);
		free(v);
	}
	fputc('\n', fp);
}

static char *
evidence_text(json_t *doc, json_t *st)
{
	int en = strcmp(json_string_value(json_object_get(doc, "lang")), "en") == 0;
	json_t *ev = json_object_get(st, "events"), *po = json_object_get(st, "posts"), *v;
	size_t i, n = json_array_size(po);
	char *s = xstrdup(""), *t;

	json_array_foreach(ev, i, v) {
		t = xasprintf("%s%s%s", s, i ? (en ? ", " : "、") : (en ? "events " : "事件 "),
		    json_string_value(v));
		free(s);
		s = t;
	}
	/* Three post ids, then how many in all (JSON has them all). */
	for (i = 0; i < n && i < 3; i++) {
		t = xasprintf("%s%s%s", s, i ? (en ? ", " : "、") : *s ? (en ? "; posts " :
		    "；帖子 ") : (en ? "posts " : "帖子 "), json_string_value(json_array_get(po, i)));
		free(s);
		s = t;
	}
	if (n > 3) {
		t = en ? xasprintf("%s, %zu in all", s, n) : xasprintf("%s 等 %zu 条", s, n);
		free(s);
		s = t;
	}
	return s;
}

const char *
form_masthead(json_t *doc)
{
	const char *m = json_string_value(json_object_get(json_object_get(doc, "form"),
	    "masthead"));
	const char *t = json_string_value(json_object_get(doc, "title"));

	return m != NULL && t != NULL && strcmp(m, t) != 0 ? m : NULL;
}

static void
form_lines(json_t *doc, const char *which, FILE *fp, const char *before,
    const char *sep, const char *after)
{
	json_t *lines = json_object_get(json_object_get(doc, "form"), which), *v;
	size_t i;

	if (json_array_size(lines) == 0)
		return;
	fputs(before, fp);
	json_array_foreach(lines, i, v)
		fprintf(fp, "%s%s", i ? sep : "", json_string_value(v));
	fputs(after, fp);
}

int
render_text(json_t *doc, FILE *fp, int colour)
{
	json_t *sec, *st;
	size_t i, k, w;

	if (form_masthead(doc) != NULL)
		fprintf(fp, "%s\n", form_masthead(doc));
	fprintf(fp, "%s%s%s\n", colour ? "\033[1m" : "",
	    json_string_value(json_object_get(doc, "title")), colour ? "\033[0m" : "");
	form_lines(doc, "head", fp, "", "  ", "\n");
	fprintf(fp, "%s\n", json_string_value(json_object_get(doc, "subtitle")));
	summary_line(doc, fp, "  |  ");
	json_array_foreach(json_object_get(doc, "sections"), i, sec) {
		const char *title = json_string_value(json_object_get(sec, "title"));

		fprintf(fp, "\n%s%s%s\n", colour ? "\033[1m" : "", title, colour ? "\033[0m" : "");
		for (w = text_width(title); w > 0; w--)
			fputc('-', fp);
		fputc('\n', fp);
		if (json_object_get(sec, "note"))
			fprintf(fp, "  %s\n", json_string_value(json_object_get(sec, "note")));
		json_array_foreach(json_object_get(sec, "statements"), k, st) {
			char *ev = evidence_text(doc, st);

			wrapped(fp, json_string_value(json_object_get(st, "text")), 2, 76);
			if (*ev) {
				char *e = xasprintf("〔%s〕", ev);

				wrapped(fp, e, 4, 74);
				free(e);
			}
			free(ev);
		}
		if (json_object_get(sec, "chart"))
			text_chart(json_object_get(sec, "chart"), fp);
		if (json_array_size(json_object_get(json_object_get(sec, "table"), "rows")) > 0)
			text_table(json_object_get(sec, "table"), fp, colour);
	}
	form_lines(doc, "foot", fp, "\n", "\n", "\n");
	return ferror(fp) ? -1 : 0;
}

/* A section as one table: its table, else its chart (x, series...). */
static json_t *
section_table(json_t *sec, json_t **cols)
{
	json_t *ch = json_object_get(sec, "chart"), *t = json_object_get(sec, "table");
	json_t *rows, *s, *x;
	size_t j, k;

	if (t != NULL) {
		/* Copies: the caller may add a column. */
		*cols = json_deep_copy(json_object_get(t, "columns"));
		return json_deep_copy(json_object_get(t, "rows"));
	}
	if (ch == NULL)
		return NULL;
	*cols = json_pack("[s]", json_string_value(json_object_get(ch, "x_label")) ?
	    json_string_value(json_object_get(ch, "x_label")) : "x");
	json_array_foreach(json_object_get(ch, "series"), k, s)
		json_array_append(*cols, json_object_get(s, "name"));
	rows = json_array();
	json_array_foreach(json_object_get(ch, "x"), j, x) {
		json_t *r = json_pack("[O]", x);

		json_array_foreach(json_object_get(ch, "series"), k, s)
			json_array_append(r, json_array_get(json_object_get(s, "values"), j));
		json_array_append_new(rows, r);
	}
	return rows;
}

/* ------------------------------------------------------------ markdown */

/*
 * A cell's text escaped for Markdown; a control character (a newline,
 * the ESC of a terminal code) becomes a space, as in text (fit), so a
 * report read in a terminal runs no code of a post's.
 */
static void
md_cell(FILE *fp, const char *s)
{
	for (; *s; s++) {
		if (*s == '|' || *s == '\\' || *s == '*' || *s == '_' || *s == '`' ||
		    *s == '[' || *s == ']' || *s == '<' || *s == '>')
			fputc('\\', fp);
		fputc((unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s, fp);
	}
}

static void
md_table(FILE *fp, json_t *cols, json_t *rows, json_t *more)
{
	json_t *r, *c;
	size_t i, j;

	json_array_foreach(cols, j, c) {
		fputs("| ", fp);
		md_cell(fp, json_string_value(c));
		fputc(' ', fp);
	}
	fputs("|\n", fp);
	json_array_foreach(cols, j, c)
		fputs("| --- ", fp);
	fputs("|\n", fp);
	json_array_foreach(rows, i, r) {
		json_array_foreach(r, j, c) {
			char *s = cell_text(c);

			fputs("| ", fp);
			md_cell(fp, s);
			fputc(' ', fp);
			free(s);
		}
		fputs("|\n", fp);
	}
	if (json_is_string(more)) {
		fputs("\n… ", fp);
		md_cell(fp, json_string_value(more));
		fputc('\n', fp);
	}
}

int
render_md(json_t *doc, FILE *fp)
{
	json_t *sec, *ch, *rows, *st;
	size_t i, k;

	if (form_masthead(doc) != NULL) {
		md_cell(fp, form_masthead(doc));
		fputs("\n\n", fp);
	}
	fputs("# ", fp);
	md_cell(fp, json_string_value(json_object_get(doc, "title")));
	fputs("\n\n", fp);
	form_lines(doc, "head", fp, "", " · ", "\n\n");
	md_cell(fp, json_string_value(json_object_get(doc, "subtitle")));
	fputs("\n\n", fp);
	summary_line(doc, fp, " · ");
	json_array_foreach(json_object_get(doc, "sections"), i, sec) {
		fputs("\n## ", fp);
		md_cell(fp, json_string_value(json_object_get(sec, "title")));
		fputs("\n\n", fp);
		if (json_object_get(sec, "note")) {
			md_cell(fp, json_string_value(json_object_get(sec, "note")));
			fputs("\n", fp);
			if (json_object_get(sec, "chart") || json_array_size(json_object_get(
			    json_object_get(sec, "table"), "rows")) > 0)
				fputc('\n', fp);
		}
		json_array_foreach(json_object_get(sec, "statements"), k, st) {
			char *ev = evidence_text(doc, st);

			fputs("- ", fp);
			md_cell(fp, json_string_value(json_object_get(st, "text")));
			if (*ev) {
				fputs(" (", fp);
				md_cell(fp, ev);
				fputc(')', fp);
			}
			fputc('\n', fp);
			free(ev);
		}
		/* A chart is its table: x, then each series (a tree is its
		 * section's table). */
		if ((ch = json_object_get(sec, "chart")) != NULL && plain_chart(ch)) {
			json_t *only = json_pack("{s:O}", "chart", ch), *cols;

			rows = section_table(only, &cols);
			md_table(fp, cols, rows, NULL);
			json_decref(cols);
			json_decref(rows);
			json_decref(only);
		}
		if (json_array_size(json_object_get(json_object_get(sec, "table"), "rows")) > 0)
			md_table(fp, json_object_get(json_object_get(sec, "table"), "columns"),
			    json_object_get(json_object_get(sec, "table"), "rows"),
			    json_object_get(json_object_get(sec, "table"), "more_label"));
	}
	form_lines(doc, "foot", fp, "\n---\n\n", "  \n", "\n");
	return ferror(fp) ? -1 : 0;
}

/* ------------------------------------------------------------ csv */

/*
 * Text that a spreadsheet would take for a formula (=, +, -, @, a tab or
 * a CR first: "CSV injection", a post's text being anyone's) is written
 * after a ' so that Excel and WPS show it as text.  Numbers are numbers;
 * a lone "-" (unknown) is no formula.
 */
static int
formula_like(json_t *c, const char *s)
{
	return json_is_string(c) && *s != '\0' && strchr("=+-@\t\r", *s) != NULL &&
	    strcmp(s, "-") != 0;
}

static void
csv_row(FILE *fp, json_t *cells)
{
	json_t *c;
	size_t j;

	json_array_foreach(cells, j, c) {
		char *s = cell_text(c), *t;

		if (j)
			fputc(',', fp);
		if (formula_like(c, s)) {
			t = xasprintf("'%s", s);
			free(s);
			s = t;
		}
		csv_fwrite(fp, s, strlen(s));
		free(s);
	}
	fputs("\r\n", fp);
}

/*
 * The ids beside a table's rows as one more column, for a spreadsheet:
 * the event ids of a table of events, the post ids of one of posts.
 */
static void
id_column(json_t *doc, json_t *sec, json_t *cols, json_t *rows)
{
	json_t *t = json_object_get(sec, "table"), *ids, *r;
	int en = strcmp(json_string_value(json_object_get(doc, "lang")), "en") == 0;
	size_t k;

	if ((ids = json_object_get(t, "ids")) != NULL)
		json_array_append_new(cols, json_string(en ? "event id" : "事件编号"));
	else if ((ids = json_object_get(t, "posts")) != NULL)
		json_array_append_new(cols, json_string(en ? "post id" : "帖子编号"));
	else
		return;
	json_array_foreach(rows, k, r) {
		json_t *id = json_array_get(ids, k);

		json_array_append_new(r, json_is_string(id) ? json_copy(id) : json_string(""));
	}
}

/* How many sections have a table (a chart is one). */
static size_t
tables_in(json_t *doc)
{
	json_t *sec;
	size_t i, n = 0;

	json_array_foreach(json_object_get(doc, "sections"), i, sec)
		n += json_object_get(sec, "table") != NULL || json_object_get(sec, "chart") != NULL;
	return n;
}

int
render_csv(json_t *doc, FILE *fp, const char *table, int bom)
{
	json_t *sec, *cols, *rows, *r;
	size_t i, k, n = 0;
	int found = 0, plain = table != NULL || tables_in(doc) == 1;

	if (bom)
		fputs("\xef\xbb\xbf", fp);
	json_array_foreach(json_object_get(doc, "sections"), i, sec) {
		const char *name = json_string_value(json_object_get(sec, "name"));

		if (table != NULL && strcmp(table, name) != 0)
			continue;
		if ((rows = section_table(sec, &cols)) == NULL)
			continue;
		found = 1;
		id_column(doc, sec, cols, rows);
		/* Sections: each table under a row naming it, a blank line
		 * apart; one table (asked for, or the only one) is plain CSV. */
		if (!plain) {
			json_t *head = json_pack("[s]", name);

			if (n++)
				fputs("\r\n", fp);
			csv_row(fp, head);
			json_decref(head);
		}
		csv_row(fp, cols);
		json_array_foreach(rows, k, r)
			csv_row(fp, r);
		json_decref(cols);
		json_decref(rows);
	}
	if (table != NULL && !found) {
		yq_warnx("no table '%s' in this report", table);
		return -2;
	}
	return ferror(fp) ? -1 : 0;
}

int
render_json(json_t *doc, FILE *fp)
{
	if (json_dumpf(doc, fp, JSON_INDENT(1) | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(10)) != 0)
		return -1;
	fputc('\n', fp);
	return ferror(fp) ? -1 : 0;
}
