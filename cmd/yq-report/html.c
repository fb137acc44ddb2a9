/*
 * html.c: a report document as one self-contained HTML file: inline CSS,
 * charts drawn here as inline SVG, no script, nothing fetched.  The
 * markup is well-formed XML (XHTML syntax) so that it can be checked
 * with any XML parser, and it prints on A4.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "yq.h"

static void
esc(FILE *fp, const char *s)
{
	for (; s && *s; s++)
		switch (*s) {
		case '&': fputs("&amp;", fp); break;
		case '<': fputs("&lt;", fp); break;
		case '>': fputs("&gt;", fp); break;
		case '"': fputs("&quot;", fp); break;
		case '\'': fputs("&#39;", fp); break;
		default:
			/* Control characters are not allowed in XML. */
			if ((unsigned char)*s < 0x20 && *s != '\n' && *s != '\t')
				fputc(' ', fp);
			else
				fputc(*s, fp);
		}
}

static const char css[] =
	"body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"WenQuanYi Micro Hei\","
	"\"Microsoft YaHei\",sans-serif;color:#222;margin:0 auto;max-width:960px;padding:16px;"
	"line-height:1.5}"
	"h1{font-size:24px;margin:0 0 4px;overflow-wrap:anywhere;text-align:center}"
	".mast{font-family:\"Noto Serif CJK SC\",\"Source Han Serif SC\",SimSun,serif;"
	"color:#c00;font-size:30px;font-weight:bold;text-align:center;margin:8px 0;"
	"letter-spacing:2px;overflow-wrap:anywhere}"
	"p.mast{font-size:26px}"
	".head{display:flex;flex-wrap:wrap;justify-content:space-between;gap:4px 16px;"
	"border-bottom:2px solid #c00;padding-bottom:4px;margin:4px 0 8px}"
	".foot{border-top:1px solid #c00;margin-top:24px;padding-top:4px;color:#444}"
	".foot span{display:block}"
	"h2{font-size:18px;border-bottom:2px solid #b22;padding-bottom:2px;margin:24px 0 8px}"
	".sub{color:#555;margin:0 0 8px}"
	".summary{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}"
	".summary div{border:1px solid #ddd;border-radius:4px;padding:4px 10px;background:#fafafa}"
	".summary b{display:block;font-size:20px}"
	"table{border-collapse:collapse;width:100%;font-size:13px}"
	"th,td{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top;"
	"overflow-wrap:anywhere}"
	"th{background:#f3f3f3;word-break:keep-all}"
	"td.n{text-align:right;white-space:nowrap}td.s{white-space:nowrap}"
	"tr.overdue td{background:#fde2e2}tr.due_soon td{background:#fff4d6}"
	"tr.late td{background:#f3e5f5}"
	".more{color:#555;font-style:italic}"
	".w{padding:0 6px;border-radius:3px;white-space:nowrap}"
	".w-red{background:#c0392b;color:#fff}.w-orange{background:#e67e22;color:#fff}"
	".w-yellow{background:#f1c40f;color:#222}.w-blue{background:#2e86c1;color:#fff}"
	".note{color:#444}"
	"p.st{margin:4px 0 8px;text-indent:2em;overflow-wrap:anywhere}"
	".src{color:#777;font-size:12px;overflow-wrap:anywhere}"
	"a{color:inherit;text-decoration:none;border-bottom:1px dotted #888}"
	"svg{width:100%;height:auto;display:block}"
	"svg text{font-size:11px;fill:#444}"
	"svg.tree{max-width:560px}svg.tree text{font-size:15px;fill:#222}"
	"svg.rank{max-width:560px}svg.rank text{font-size:14px;fill:#222}"
	"@media screen and (max-width:600px){body{padding:8px}"
	".mast{font-size:24px;letter-spacing:0}p.mast{font-size:20px}h1{font-size:20px}"
	"table,tbody,tr,td{display:block;width:auto}thead{display:none}"
	"tr{border:1px solid #ddd;border-radius:4px;margin:0 0 8px}"
	"td,td.n,td.s{border:none;border-bottom:1px solid #eee;text-align:left;white-space:normal}"
	"td[data-label]::before{content:attr(data-label) \"：\";color:#666}}"
	"@page{size:A4;margin:15mm}"
	"@media print{body{max-width:none;padding:0}"
	"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
	"h2{page-break-after:avoid;break-after:avoid}"
	"thead{display:table-header-group}"
	"tr,svg,.summary{page-break-inside:avoid;break-inside:avoid}}";

#define W 760
#define AXIS 172	/* the x axis: the plot is above, the labels below */
#define ML 64	/* left margin: the y ticks and the first x label */
#define MT 12

/* A tick step of 1, 2 or 5 times a power of ten giving about n ticks. */
static double
nice_step(double max, int n)
{
	double raw = max / n, p = pow(10, floor(log10(raw)));

	if (raw <= p)
		return p;
	if (raw <= 2 * p)
		return 2 * p;
	if (raw <= 5 * p)
		return 5 * p;
	return 10 * p;
}

/*
 * The height of a chart: the plot and room below the axis for its
 * x labels, turned 40 degrees, the longest one's whole length (about
 * 6 px a column at 11 px) so that none is cut at the bottom.
 */
static int
chart_height(json_t *x)
{
	size_t i, w = 0;
	json_t *v;

	json_array_foreach(x, i, v)
		if (text_width(json_string_value(v)) > w)
			w = text_width(json_string_value(v));
	return AXIS + 14 + (int)ceil(sin(40 * M_PI / 180) * 6.2 * (double)w) + 8;
}

static void
x_labels(FILE *fp, json_t *x, double bw)
{
	size_t n = json_array_size(x), every = 1, i;
	json_t *v;

	/* At most about 16 labels, so that they do not overlap. */
	while (n / every > 16)
		every++;
	json_array_foreach(x, i, v) {
		double cx = ML + bw * (i + 0.5);

		if (i % every != 0)
			continue;
		fprintf(fp, "<text x=\"%.1f\" y=\"%d\" transform=\"rotate(-40 %.1f %d)\" "
		    "text-anchor=\"end\">", cx, AXIS + 14, cx, AXIS + 14);
		esc(fp, json_string_value(v));
		fputs("</text>", fp);
	}
}

/*
 * The repost forest (传播路径) as an indented tree: the posts with the
 * most reposts below them, one a row, each under the post it reposts
 * (dashed: under its tree's root, the posts between not shown), with a
 * bar of its reposts below.  One row a post and no labels side by side,
 * so that nothing overlaps at any width; drawn narrow with large type to
 * read on a phone.
 */
#define TW 480
#define TROW 30
#define TINDENT 22
#define TBAR 270	/* where the bars begin */

struct tnode {
	const char *id, *parent, *root;
	int up;			/* index of the node above it, or -1 */
	int direct;		/* up is its parent */
	int done;
};

static int
tnode_find(const struct tnode *v, int n, const char *id)
{
	int i;

	for (i = 0; id != NULL && i < n; i++)
		if (strcmp(v[i].id, id) == 0)
			return i;
	return -1;
}

/* Draw node i at row *row, then the nodes under it; depth is its indent. */
static void
tree_rows(FILE *fp, json_t *nodes, struct tnode *v, int n, int i, int depth,
    int *row, double top)
{
	json_t *nd = json_array_get(nodes, (size_t)i);
	double x = 12 + TINDENT * depth, y = MT + TROW * (*row + 0.5);
	double r = json_number_value(json_object_get(nd, "reposts"));
	int k;

	v[i].done = 1;
	fprintf(fp, "<circle class=\"node\" cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"#c0392b\">"
	    "<title>", x, y);
	esc(fp, v[i].id);
	fputc(' ', fp);
	esc(fp, json_string_value(json_object_get(nd, "at")));
	fprintf(fp, "</title></circle><text x=\"%.1f\" y=\"%.1f\">", x + 9, y + 5);
	esc(fp, json_string_value(json_object_get(nd, "label")));
	fprintf(fp, "</text><rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"12\" "
	    "fill=\"#e6b0aa\"/><text x=\"%.1f\" y=\"%.1f\">%.0f</text>", TBAR, y - 6,
	    (TW - TBAR - 44) * r / top, TBAR + (TW - TBAR - 44) * r / top + 4, y + 5, r);
	(*row)++;
	for (k = 0; k < n; k++) {
		if (v[k].up != i || v[k].done)
			continue;
		fprintf(fp, "<path d=\"M%.1f %.1f V%.1f H%.1f\" fill=\"none\" stroke=\"#888\"%s/>",
		    x, y + 5, MT + TROW * (*row + 0.5), x + TINDENT - 5,
		    v[k].direct ? "" : " stroke-dasharray=\"4 3\"");
		tree_rows(fp, nodes, v, n, k, depth + 1, row, top);
	}
}

static void
tree(FILE *fp, json_t *ch)
{
	json_t *nodes = json_object_get(ch, "nodes"), *nd;
	int n = (int)json_array_size(nodes), i, row = 0;
	struct tnode *v = xcalloc((size_t)n + 1, sizeof *v);
	double top = 1;

	json_array_foreach(nodes, i, nd) {
		v[i].id = json_string_value(json_object_get(nd, "id"));
		v[i].parent = json_string_value(json_object_get(nd, "parent"));
		v[i].root = json_string_value(json_object_get(nd, "root"));
		if (json_number_value(json_object_get(nd, "reposts")) > top)
			top = json_number_value(json_object_get(nd, "reposts"));
	}
	for (i = 0; i < n; i++) {
		v[i].direct = (v[i].up = tnode_find(v, n, v[i].parent)) >= 0;
		if (v[i].up < 0 && (v[i].up = tnode_find(v, n, v[i].root)) == i)
			v[i].up = -1;
	}
	fprintf(fp, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"tree\" "
	    "viewBox=\"0 0 %d %d\" role=\"img\">", TW, MT + TROW * n + 8);
	/* The trees in the order of their roots (most reposts first); a
	 * node whose root is not shown starts a tree of its own. */
	for (i = 0; i < n; i++)
		if (v[i].up < 0)
			tree_rows(fp, nodes, v, n, i, 0, &row, top);
	fputs("</svg>\n", fp);
	free(v);
}

/*
 * Ranked bars (places, platforms, hot words): one row each, its name
 * on the left, its bar and count after; narrow with large type, as the
 * tree, to read on a phone.
 */
#define HB_ROW 24
#define HB_LABEL 150	/* where the bars begin */

static void
rank_bars(FILE *fp, json_t *ch)
{
	json_t *x = json_object_get(ch, "x"), *v;
	json_t *vals = json_object_get(json_array_get(json_object_get(ch, "series"), 0), "values");
	size_t n = json_array_size(x), i;
	double top = 1;

	json_array_foreach(vals, i, v)
		if (json_number_value(v) > top)
			top = json_number_value(v);
	fprintf(fp, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"rank\" "
	    "viewBox=\"0 0 %d %zu\" role=\"img\">", TW, (size_t)MT + HB_ROW * n);
	json_array_foreach(x, i, v) {
		double val = json_number_value(json_array_get(vals, i));
		double y = MT + HB_ROW * (double)i, w = (TW - HB_LABEL - 50) * val / top;

		fprintf(fp, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">", HB_LABEL - 6,
		    y + 15);
		esc(fp, json_string_value(v));
		fprintf(fp, "</text><rect class=\"bar\" x=\"%d\" y=\"%.1f\" width=\"%.1f\" "
		    "height=\"16\" fill=\"#c0392b\"><title>", HB_LABEL, y + 3, w);
		esc(fp, json_string_value(v));
		fprintf(fp, ": %.0f</title></rect><text x=\"%.1f\" y=\"%.1f\">%.0f</text>",
		    val, HB_LABEL + w + 4, y + 15, val);
	}
	fputs("</svg>\n", fp);
}

/* Tipping points: a dashed line over the bar of each, named. */
static void
marks(FILE *fp, json_t *ch, double bw)
{
	json_t *m;
	size_t i;

	json_array_foreach(json_object_get(ch, "marks"), i, m) {
		double x = ML + bw * ((double)json_integer_value(json_object_get(m, "x")) + 0.5);

		fprintf(fp, "<line class=\"mark\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
		    "stroke=\"#e67e22\" stroke-width=\"2\" stroke-dasharray=\"5 3\"><title>",
		    x, MT, x, AXIS);
		esc(fp, json_string_value(json_object_get(m, "label")));
		fprintf(fp, "</title></line><text x=\"%.1f\" y=\"%d\" "
		    "style=\"fill:#e67e22\">▼</text>", x - 5, MT + 2);
	}
}

static void
bars(FILE *fp, json_t *ch)
{
	json_t *series = json_object_get(ch, "series"), *s, *v, *x = json_object_get(ch, "x");
	size_t n = json_array_size(x), ns = json_array_size(series), i, k;
	double max = 0, step, top, bw, y;
	int stacked = json_is_true(json_object_get(ch, "stacked"));
	static const char *const fill[] = { "#c0392b", "#2980b9", "#27ae60" };

	for (i = 0; i < n; i++) {
		double sum = 0;

		json_array_foreach(series, k, s) {
			v = json_array_get(json_object_get(s, "values"), i);
			sum = stacked ? sum + json_number_value(v) : json_number_value(v);
			if (sum > max)
				max = sum;
		}
	}
	step = max > 0 ? nice_step(max, 4) : 1;
	if (step < 1)
		step = 1;
	top = ceil(max / step) * step;
	if (top <= 0)
		top = step;
	bw = n ? (double)(W - ML - 8) / n : 1;
	fprintf(fp, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
	    "role=\"img\">", W, chart_height(x));
	for (y = 0; y <= top + step / 2; y += step) {
		double py = AXIS - (AXIS - MT) * y / top;

		fprintf(fp, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
		    "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.0f</text>",
		    ML, py, W - 8, py, ML - 4, py + 4, y);
	}
	for (i = 0; i < n; i++) {
		double base = 0;

		json_array_foreach(series, k, s) {
			double val = json_number_value(json_array_get(json_object_get(s,
			    "values"), i)), h = (AXIS - MT) * val / top;
			double bx = ML + bw * i + bw * 0.1 + (stacked ? 0 : (bw * 0.8 / ns) * k);

			fprintf(fp, "<rect class=\"bar\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" "
			    "height=\"%.2f\" fill=\"%s\"><title>", bx, AXIS - base - h,
			    stacked ? bw * 0.8 : bw * 0.8 / ns, h, fill[k % 3]);
			esc(fp, json_string_value(json_array_get(x, i)));
			if (ns > 1) {
				fputc(' ', fp);
				esc(fp, json_string_value(json_object_get(s, "name")));
			}
			fprintf(fp, ": %.0f</title></rect>", val);
			if (stacked)
				base += h;
		}
		/* A stacked bar's whole count above it, when there is room. */
		if (stacked && base > 0 && bw >= 14)
			fprintf(fp, "<text class=\"count\" x=\"%.1f\" y=\"%.1f\" "
			    "text-anchor=\"middle\">%.0f</text>", ML + bw * (i + 0.5),
			    fmax(AXIS - base - 3, MT), base * top / (AXIS - MT));
	}
	fprintf(fp, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>",
	    ML, AXIS, W - 8, AXIS);
	marks(fp, ch, bw);
	x_labels(fp, x, bw);
	if (ns > 1)
		json_array_foreach(series, k, s) {
			fprintf(fp, "<rect x=\"%zu\" y=\"2\" width=\"10\" height=\"10\" fill=\"%s\"/>"
			    "<text x=\"%zu\" y=\"11\">", (size_t)(W - 100 * ns + 100 * k), fill[k % 3],
			    (size_t)(W - 100 * ns + 14 + 100 * k));
			esc(fp, json_string_value(json_object_get(s, "name")));
			fputs("</text>", fp);
		}
	fputs("</svg>\n", fp);
}

static void
line(FILE *fp, json_t *ch)
{
	json_t *x = json_object_get(ch, "x");
	json_t *vals = json_object_get(json_array_get(json_object_get(ch, "series"), 0), "values");
	size_t n = json_array_size(x), i;
	double lo = json_number_value(json_object_get(ch, "min"));
	double hi = json_number_value(json_object_get(ch, "max")), bw, t;
	int open = 0;
	json_t *v;

	if (hi <= lo)
		hi = lo + 1;
	bw = n ? (double)(W - ML - 8) / n : 1;
	fprintf(fp, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
	    "role=\"img\">", W, chart_height(x));
	for (t = lo; t <= hi + 1e-9; t += (hi - lo) / 4) {
		double py = AXIS - (AXIS - MT) * (t - lo) / (hi - lo);

		fprintf(fp, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>"
		    "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.1f</text>", ML, py, W - 8, py,
		    fabs(t) < 1e-9 ? "#888" : "#ddd", ML - 4, py + 4, t);
	}
	/* An hour without posts breaks the line. */
	json_array_foreach(vals, i, v) {
		double px = ML + bw * (i + 0.5), py;

		if (!json_is_number(v)) {
			if (open)
				fputs("\"/>", fp);
			open = 0;
			continue;
		}
		py = AXIS - (AXIS - MT) * (json_number_value(v) - lo) / (hi - lo);
		if (!open)
			fputs("<polyline fill=\"none\" stroke=\"#2980b9\" stroke-width=\"2\" points=\"", fp);
		fprintf(fp, "%.1f,%.1f ", px, py);
		open = 1;
	}
	if (open)
		fputs("\"/>", fp);
	json_array_foreach(vals, i, v)
		if (json_is_number(v))
			fprintf(fp, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"#2980b9\"/>",
			    ML + bw * (i + 0.5), AXIS - (AXIS - MT) *
			    (json_number_value(v) - lo) / (hi - lo));
	fprintf(fp, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>",
	    ML, AXIS, W - 8, AXIS);
	x_labels(fp, x, bw);
	fputs("</svg>\n", fp);
}

/* A link a report may carry: http or https only (no javascript: and the like). */
static int
safe_link(const char *url)
{
	return url != NULL && (strncmp(url, "http://", 7) == 0 ||
	    strncmp(url, "https://", 8) == 0);
}

/* The warning level a cell names (in either language), or NULL. */
static const char *
warning_class(const char *s)
{
	static const char *const names[][3] = {
		{ "红色", "red", "w-red" }, { "橙色", "orange", "w-orange" },
		{ "黄色", "yellow", "w-yellow" }, { "蓝色", "blue", "w-blue" }
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(s, names[i][0]) == 0 || strcmp(s, names[i][1]) == 0)
			return names[i][2];
	return NULL;
}

/*
 * A statement and its evidence: each event id linked to its first row
 * in the report's tables (#ev-ID), the first posts to their URLs (http and https
 * only), and how many posts in all.
 */
static void
html_statement(FILE *fp, json_t *doc, json_t *st)
{
	json_t *v, *po = json_object_get(st, "posts");
	int en = strcmp(json_string_value(json_object_get(doc, "lang")), "en") == 0;
	size_t i, n = json_array_size(po);

	fputs("<p class=\"st\">", fp);
	esc(fp, json_string_value(json_object_get(st, "text")));
	if (json_array_size(json_object_get(st, "events")) + n > 0)
		fputs("<span class=\"src\">〔", fp);
	json_array_foreach(json_object_get(st, "events"), i, v) {
		fputs(i ? " <a href=\"#ev-" : "<a href=\"#ev-", fp);
		esc(fp, json_string_value(v));
		fputs("\">", fp);
		esc(fp, json_string_value(v));
		fputs("</a>", fp);
	}
	for (i = 0; i < n && i < 3; i++) {
		const char *url = json_string_value(json_array_get(json_object_get(st, "links"), i));

		fputc(' ', fp);
		if (safe_link(url)) {
			fputs("<a href=\"", fp);
			esc(fp, url);
			fputs("\">", fp);
		}
		esc(fp, json_string_value(json_array_get(po, i)));
		if (safe_link(url))
			fputs("</a>", fp);
	}
	if (n > 3)
		fprintf(fp, en ? ", %zu posts in all" : " 等 %zu 条", n);
	if (json_array_size(json_object_get(st, "events")) + n > 0)
		fputs("〕</span>", fp);
	fputs("</p>\n", fp);
}

static void
html_table(FILE *fp, json_t *t, json_t *anchored)
{
	json_t *r, *c, *flags = json_object_get(t, "flags");
	size_t i, j;
	const char *more = json_string_value(json_object_get(t, "more_label"));
	const char *key, *wc;

	fputs("<table><thead><tr>", fp);
	json_array_foreach(json_object_get(t, "columns"), j, c) {
		fputs("<th>", fp);
		esc(fp, json_string_value(c));
		fputs("</th>", fp);
	}
	fputs("</tr></thead><tbody>\n", fp);
	json_array_foreach(json_object_get(t, "rows"), i, r) {
		const char *f = json_string_value(json_array_get(flags, i));
		const char *link = json_string_value(json_array_get(json_object_get(t, "links"), i));

		const char *id = json_string_value(json_array_get(json_object_get(t, "ids"), i));

		fputs("<tr", fp);
		/* An event's first row is where statements link to. */
		if (id != NULL && json_object_get(anchored, id) == NULL) {
			json_object_set_new(anchored, id, json_true());
			fputs(" id=\"ev-", fp);
			esc(fp, id);
			fputc('"', fp);
		}
		if (f)
			fprintf(fp, " class=\"%s\"", f);
		fputc('>', fp);
		json_array_foreach(r, j, c) {
			char *s = cell_text(c);

			/* Numbers, times and short words are not broken; on a
			 * phone each row is a card, each cell under its label. */
			fprintf(fp, "<td%s data-label=\"", json_is_number(c) ? " class=\"n\"" :
			    text_width(s) <= 12 ? " class=\"s\"" : "");
			esc(fp, json_string_value(json_array_get(json_object_get(t, "columns"), j)));
			fputs("\">", fp);
			/* A warning level as a badge of its colour. */
			key = json_string_value(json_array_get(json_object_get(t, "keys"), j));
			if (key != NULL && strcmp(key, "warning") == 0 &&
			    (wc = warning_class(s)) != NULL) {
				fprintf(fp, "<span class=\"w %s\">", wc);
				esc(fp, s);
				fputs("</span>", fp);
			} else if (key != NULL && strcmp(key, "text") == 0 && safe_link(link)) {
				/* A post's text links to the post (nothing is fetched). */
				fputs("<a href=\"", fp);
				esc(fp, link);
				fputs("\">", fp);
				esc(fp, s);
				fputs("</a>", fp);
			} else
				esc(fp, s);
			fputs("</td>", fp);
			free(s);
		}
		fputs("</tr>\n", fp);
	}
	if (more != NULL) {
		fprintf(fp, "<tr><td class=\"more\" colspan=\"%zu\">… ",
		    json_array_size(json_object_get(t, "columns")));
		esc(fp, more);
		fputs("</td></tr>\n", fp);
	}
	fputs("</tbody></table>\n", fp);
}

/* The form's head or foot lines, each a span of one paragraph. */
static void
html_lines(FILE *fp, json_t *doc, const char *which)
{
	json_t *v;
	size_t i;

	fprintf(fp, "<p class=\"%s\">", which);
	json_array_foreach(json_object_get(json_object_get(doc, "form"), which), i, v) {
		fputs("<span>", fp);
		esc(fp, json_string_value(v));
		fputs("</span>", fp);
	}
	fputs("</p>\n", fp);
}

int
render_html(json_t *doc, FILE *fp)
{
	json_t *sec, *kv, *ch, *st, *anchored = json_object();
	size_t i, k;
	const char *lang = json_string_value(json_object_get(doc, "lang"));

	fprintf(fp, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" "
	    "lang=\"%s\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>",
	    strcmp(lang, "en") == 0 ? "en" : "zh-CN");
	esc(fp, json_string_value(json_object_get(doc, "title")));
	fprintf(fp, "</title>\n<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\"/>\n<style>%s</style>\n</head>\n<body>\n<header>\n", css);
	if (form_masthead(doc) != NULL) {
		fputs("<p class=\"mast\">", fp);
		esc(fp, form_masthead(doc));
		fputs("</p>\n<h1>", fp);
	} else
		fputs("<h1 class=\"mast\">", fp);
	esc(fp, json_string_value(json_object_get(doc, "title")));
	fputs("</h1>\n", fp);
	html_lines(fp, doc, "head");
	fputs("</header>\n<p class=\"sub\">", fp);
	esc(fp, json_string_value(json_object_get(doc, "subtitle")));
	fputs("</p>\n<div class=\"summary\">", fp);
	json_array_foreach(json_object_get(doc, "summary"), i, kv) {
		char *v = cell_text(json_array_get(kv, 1));

		fputs("<div>", fp);
		esc(fp, json_string_value(json_array_get(kv, 0)));
		fputs("<b>", fp);
		esc(fp, v);
		fputs("</b></div>", fp);
		free(v);
	}
	fputs("</div>\n", fp);
	json_array_foreach(json_object_get(doc, "sections"), i, sec) {
		fprintf(fp, "<section id=\"%s\">\n<h2>",
		    json_string_value(json_object_get(sec, "name")));
		esc(fp, json_string_value(json_object_get(sec, "title")));
		fputs("</h2>\n", fp);
		if (json_object_get(sec, "note")) {
			fputs("<p class=\"note\">", fp);
			esc(fp, json_string_value(json_object_get(sec, "note")));
			fputs("</p>\n", fp);
		}
		if ((ch = json_object_get(sec, "chart")) != NULL) {
			if (strcmp(json_string_value(json_object_get(ch, "kind")), "line") == 0)
				line(fp, ch);
			else if (strcmp(json_string_value(json_object_get(ch, "kind")), "tree") == 0)
				tree(fp, ch);
			else if (strcmp(json_string_value(json_object_get(ch, "kind")), "hbars") == 0)
				rank_bars(fp, ch);
			else
				bars(fp, ch);
		}
		json_array_foreach(json_object_get(sec, "statements"), k, st)
			html_statement(fp, doc, st);
		if (json_array_size(json_object_get(json_object_get(sec, "table"), "rows")) > 0)
			html_table(fp, json_object_get(sec, "table"), anchored);
		fputs("</section>\n", fp);
	}
	fputs("<footer>\n", fp);
	html_lines(fp, doc, "foot");
	fputs("</footer>\n</body>\n</html>\n", fp);
	json_decref(anchored);
	return ferror(fp) ? -1 : 0;
}
