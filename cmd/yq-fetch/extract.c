/*
 * extract.c: the article in a web page, found by the page's structure
 * rather than by rules for particular sites.
 *
 * One pass over the libxml2 HTML DOM counts, for every element, the
 * characters of its text, those inside links and the sentence
 * punctuation.  Paragraph-like blocks (p, pre, td, blockquote and divs
 * holding text of their own) score by length and punctuation; the score
 * flows to their parent and, halved, to the grandparent.  The container
 * with the best score after discounting its link density is the
 * article; its siblings that look like article text join it.  Inside it,
 * blocks that are mostly links, or have the class of boilerplate
 * (comments, share bars, related stories), are left out.
 *
 * Title, author and publish time come from the metadata the page gives
 * (Open Graph, schema.org, <time>, meta tags, a government page's
 * PubDate and ContentSource), else from the page's text between the
 * headline and the article: its info line, not a top bar above it nor
 * the dates the article reports on.  The article text loses at its head
 * the headline repeated, bylines, datelines and info rows of label:
 * value fields, at its tail credits and copyright notices.
 */
#include <string.h>
#include <strings.h>
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include "yq.h"
#include "utf8.h"
#include "fetch.h"

struct nstat {
	double chars;		/* weighted characters of text */
	double links;		/* of which inside <a> */
	double punct;		/* sentence punctuation marks */
	double own;		/* text directly inside, not in child blocks */
	double score;		/* content score gathered from paragraphs */
	int scored;		/* is a candidate */
};

struct ex {
	struct nstat *st;
	size_t n, cap;
	int strip;		/* leave out unlikely blocks */
};

static struct nstat *
ST(xmlNode *n)
{
	return (struct nstat *)n->_private;
}

static int
is_el(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcasecmp((const char *)n->name, name) == 0;
}

/* Case-insensitive substring over an attribute. */
static int
attr_has(xmlNode *n, const char *attr, const char *const *words)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);
	int i, hit = 0;

	if (v == NULL)
		return 0;
	for (i = 0; words[i] != NULL && !hit; i++)
		hit = strcasestr((const char *)v, words[i]) != NULL;
	xmlFree(v);
	return hit;
}

static const char *const good_words[] = {
	"article", "content", "entry", "main", "post", "text", "story",
	"body", "detail", "blog", "news", "zhengwen", "正文", NULL
};
static const char *const bad_words[] = {
	"comment", "footer", "footnote", "sidebar", "sponsor", "share",
	"social", "related", "recommend", "promo", "nav", "menu", "masthead",
	"widget", "breadcrumb", "copyright", "subscribe", "newsletter",
	"advert", "banner", "popup", "modal", "cookie", "disclaimer", "tags",
	"toolbar", "byline", "author", "caption", "signup", "outbrain",
	"taboola", "most-popular", "trending", "hidden", NULL
};

/* Names of blocks that are almost never the article (Readability's
 * "unlikely candidates"), unless the name also says otherwise. */
static const char *const unlikely_words[] = {
	"comment", "sidebar", "footer", "menu", "related", "social", "sponsor",
	"share", "breadcrumb", "popup", "banner", "pagination", "pager",
	"disqus", "remark", "replies", "recommend", "outbrain", "taboola",
	"subscribe", "newsletter", "cookie", "skyscraper", "widget", "shoutbox",
	"masthead", "navbar", "most-popular", "trending", NULL
};
static const char *const maybe_words[] = {
	"article", "body", "column", "content", "main", "shadow", NULL
};

static int
unlikely(xmlNode *n)
{
	if (is_el(n, "body") || is_el(n, "html") || is_el(n, "article") ||
	    is_el(n, "main"))
		return 0;
	return (attr_has(n, "class", unlikely_words) ||
	    attr_has(n, "id", unlikely_words)) &&
	    !attr_has(n, "class", maybe_words) && !attr_has(n, "id", maybe_words);
}

/* Class and id weight: +25 for article-like names, -25 for boilerplate. */
static int
class_weight(xmlNode *n)
{
	int w = 0;

	if (attr_has(n, "class", bad_words) || attr_has(n, "id", bad_words))
		w -= 25;
	if (attr_has(n, "class", good_words) || attr_has(n, "id", good_words))
		w += 25;
	return w;
}

/* Weighted length and punctuation of a UTF-8 string: CJK characters
 * count 3 (as their byte length), other non-space characters 1. */
static void
measure(const char *s, double *chars, double *punct)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t cp;
	size_t k;

	while (*p != '\0') {
		k = utf8_decode((const char *)p, 4, &cp);
		if (k == 0)
			k = 1;
		if (cp > ' ' && cp != 0xa0 && cp != 0x3000) {
			*chars += utf8_is_cjk(cp) ? 3 : 1;
			/* Commas, not full stops: prices and dates are
			 * full of dots. */
			if (cp == ',' || cp == 0xff0c || cp == 0x3002 ||
			    cp == 0x3001 || cp == 0xff1b || cp == 0xff01 ||
			    cp == 0xff1f)
				*punct += 1;
		}
		p += k;
	}
}

static struct nstat *
new_stat(struct ex *x)
{
	if (x->n == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 1024;
		x->st = xrealloc(x->st, x->cap * sizeof(*x->st));
	}
	memset(&x->st[x->n], 0, sizeof(x->st[0]));
	return &x->st[x->n++];
}

/*
 * An element the page hides, as a browser (and Readability) sees it: the
 * hidden attribute, aria-hidden="true", or an inline style of display:
 * none or visibility: hidden.  Pages keep copies of the article there (a
 * schema.org block, a print version), which would otherwise count twice.
 */
static int
hidden(xmlNode *n)
{
	xmlChar *v;
	char *p, *q;
	int hit = 0;

	if (n->properties == NULL)
		return 0;
	if (xmlHasProp(n, (const xmlChar *)"hidden") != NULL)
		return 1;
	if ((v = xmlGetProp(n, (const xmlChar *)"aria-hidden")) != NULL) {
		hit = strcasecmp((const char *)v, "true") == 0;
		xmlFree(v);
		if (hit)
			return 1;
	}
	if ((v = xmlGetProp(n, (const xmlChar *)"style")) == NULL)
		return 0;
	/* The style without blanks, in lower case: "display:none". */
	for (p = q = (char *)v; *p != '\0'; p++)
		if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			*q++ = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	*q = '\0';
	hit = strstr((char *)v, "display:none") != NULL ||
	    strstr((char *)v, "visibility:hidden") != NULL;
	xmlFree(v);
	return hit;
}

/* First pass: fill the counts of every element (indices in _private,
 * turned into pointers once the array stops moving). */
static void
count(struct ex *x, xmlNode *n, int inlink)
{
	for (; n != NULL; n = n->next) {
		if (n->type == XML_ELEMENT_NODE) {
			size_t i;
			struct nstat *s;

			n->_private = NULL;
			if (text_is_skipped(n) || hidden(n) ||
			    (x->strip && unlikely(n)))
				continue;
			new_stat(x);
			i = x->n - 1;
			count(x, n->children, inlink || is_el(n, "a"));
			s = &x->st[i];
			n->_private = (void *)(i + 1);
			(void)s;
		}
	}
}

static void
fix_ptrs(struct ex *x, xmlNode *n)
{
	for (; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE && n->_private != NULL) {
			n->_private = &x->st[(size_t)n->_private - 1];
			fix_ptrs(x, n->children);
		}
}

/* Second pass: sums over the subtree. */
static void
sum(xmlNode *n, int inlink)
{
	xmlNode *c;
	struct nstat *s = ST(n);

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE && c->content != NULL) {
			double ch = 0, pu = 0;

			measure((const char *)c->content, &ch, &pu);
			s->chars += ch;
			s->punct += pu;
			s->own += ch;
			if (inlink)
				s->links += ch;
		} else if (c->type == XML_ELEMENT_NODE && c->_private != NULL) {
			struct nstat *cs = ST(c);
			int link = inlink || is_el(c, "a");

			sum(c, link);
			s->chars += cs->chars;
			s->links += cs->links;
			s->punct += cs->punct;
			if (!text_is_block(c) && !is_el(c, "td"))
				s->own += cs->chars - (link ? 0 : 0);
		}
	}
}

static double
link_density(xmlNode *n)
{
	struct nstat *s = ST(n);

	return s->chars > 0 ? s->links / s->chars : 0;
}

static int
is_para(xmlNode *n)
{
	static const char *const paras[] = { "p", "pre", "td", "blockquote",
	    "div", "section", "article", "font", "span", "li", NULL };
	int i;

	for (i = 0; paras[i] != NULL; i++)
		if (is_el(n, paras[i]))
			return 1;
	return 0;
}

static double
tag_base(xmlNode *n)
{
	if (is_el(n, "div") || is_el(n, "article") || is_el(n, "section"))
		return 5;
	if (is_el(n, "pre") || is_el(n, "td") || is_el(n, "blockquote"))
		return 3;
	if (is_el(n, "form") || is_el(n, "ul") || is_el(n, "ol") ||
	    is_el(n, "address") || is_el(n, "dl"))
		return -3;
	if (is_el(n, "th") || (n->name[0] == 'h' && n->name[1] >= '1' &&
	    n->name[1] <= '6' && n->name[2] == '\0'))
		return -5;
	return 0;
}

static void
candidate(xmlNode *n, double add)
{
	struct nstat *s;

	if (n == NULL || n->type != XML_ELEMENT_NODE || n->_private == NULL)
		return;
	s = ST(n);
	if (!s->scored) {
		s->scored = 1;
		s->score = tag_base(n) + class_weight(n);
	}
	s->score += add;
}

/* Third pass: paragraphs give their score to their ancestors. */
static void
score(xmlNode *n)
{
	for (; n != NULL; n = n->next) {
		struct nstat *s;
		double sc;

		if (n->type != XML_ELEMENT_NODE || n->_private == NULL)
			continue;
		score(n->children);
		s = ST(n);
		if (!is_para(n) || s->own < 25 || (is_el(n, "li") && 0))
			continue;
		if (is_el(n, "span") || is_el(n, "font") || is_el(n, "li"))
			if (n->parent != NULL && is_para(n->parent))
				continue;
		sc = 1 + s->punct + (s->own / 100 < 3 ? s->own / 100 : 3);
		sc *= 1 - (s->own > 0 ? link_density(n) : 0);
		candidate(n->parent, sc);
		if (n->parent != NULL) {
			candidate(n->parent->parent, sc / 2);
			if (n->parent->parent != NULL)
				candidate(n->parent->parent->parent, sc / 6);
		}
	}
}

static void
best(xmlNode *n, xmlNode **top, double *topscore)
{
	for (; n != NULL; n = n->next) {
		struct nstat *s;

		if (n->type != XML_ELEMENT_NODE || n->_private == NULL)
			continue;
		s = ST(n);
		if (s->scored) {
			double v = s->score * (1 - link_density(n));

			if (v > *topscore) {
				*topscore = v;
				*top = n;
			}
		}
		best(n->children, top, topscore);
	}
}

/* Candidates scoring at least frac of the best, up to max, into v. */
static void
near_best(xmlNode *n, double min, xmlNode **v, int *nv, int max)
{
	for (; n != NULL; n = n->next) {
		struct nstat *s;

		if (n->type != XML_ELEMENT_NODE || n->_private == NULL)
			continue;
		s = ST(n);
		if (s->scored && *nv < max &&
		    s->score * (1 - link_density(n)) >= min)
			v[(*nv)++] = n;
		near_best(n->children, min, v, nv, max);
	}
}

static int
contains(const xmlNode *anc, const xmlNode *n)
{
	for (; n != NULL; n = n->parent)
		if (n == anc)
			return 1;
	return 0;
}

/*
 * An article cut into chunks (a grid of body blocks between ad rails)
 * has other near-best candidates apart from the best: the lowest
 * ancestor of the best, a few levels up at most, that holds one of
 * them is the article.
 */
static xmlNode *
promote(xmlNode *root, xmlNode *top, double topscore)
{
	xmlNode *v[16], *a;
	int nv = 0, i, level;

	near_best(root, topscore * 0.75, v, &nv, 16);
	for (a = top->parent, level = 0; a != NULL && a != root && level < 4 &&
	    a->type == XML_ELEMENT_NODE && !is_el(a, "body");
	    a = a->parent, level++)
		for (i = 0; i < nv; i++)
			if (v[i] != top && !contains(v[i], top) &&
			    !contains(top, v[i]) && contains(a, v[i]))
				return a;
	return top;
}

static const char *const caption_words[] = { "caption", NULL };

/* Blocks inside the article that are not article text. */
static int
boiler(xmlNode *n, void *arg)
{
	xmlNode *top = arg;
	struct nstat *s = ST(n);
	double ld;

	if (s == NULL)
		return 1;	/* left out when counting: unlikely */
	if (n == top)
		return 0;
	/* A caption is no text, even inline: <span class="caption">. */
	if (attr_has(n, "class", caption_words))
		return 1;
	if (is_el(n, "a") || is_el(n, "span") || is_el(n, "b") ||
	    is_el(n, "strong") || is_el(n, "em") || is_el(n, "i"))
		return 0;
	ld = link_density(n);
	if (class_weight(n) < 0 && s->chars < 2000)
		return 1;
	/* The headline is the title; captions and credits are not text. */
	if (is_el(n, "h1") || is_el(n, "figure") || is_el(n, "figcaption"))
		return 1;
	if (ld > 0.5 && s->punct < 3)
		return 1;
	if ((is_el(n, "ul") || is_el(n, "ol") || is_el(n, "table") ||
	    is_el(n, "div") || is_el(n, "section") || is_el(n, "aside")) &&
	    s->punct < 10 && ld > 0.25)
		return 1;
	if (is_el(n, "aside") || is_el(n, "nav") || is_el(n, "footer") ||
	    is_el(n, "form"))
		return 1;
	return 0;
}

/* Does a sibling of the top candidate belong to the article? */
static int
joins(xmlNode *sib, double threshold)
{
	struct nstat *s = ST(sib);
	double ld;

	if (s == NULL)
		return 0;
	ld = link_density(sib);
	if (s->scored && s->score * (1 - ld) >= threshold)
		return 1;
	if (is_el(sib, "p") && s->chars > 80 && ld < 0.25)
		return 1;
	if (is_el(sib, "p") && s->chars > 0 && ld == 0 && s->punct > 0)
		return 1;
	return 0;
}

static char *
body_text(xmlNode *top, double topscore)
{
	xmlNode *parent = top->parent, *c;
	double threshold = topscore * 0.2 > 10 ? topscore * 0.2 : 10;
	size_t len = 0;
	char *res, *t;

	if (parent == NULL || parent->type != XML_ELEMENT_NODE)
		return text_of_node_filtered(top, boiler, top);
	res = xstrdup("");
	for (c = parent->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (c != top && !joins(c, threshold))
			continue;
		t = text_of_node_filtered(c, boiler, c);
		if (*t != '\0') {
			res = xrealloc(res, len + strlen(t) + 2);
			if (len > 0)
				res[len++] = '\n';
			strcpy(res + len, t);
			len += strlen(t);
		}
		free(t);
	}
	return res;
}

/* The content attribute of the first meta whose name or property is in
 * names. */
static char *
meta(xmlXPathContext *ctx, const char *const *names)
{
	char *res = NULL;
	int i;

	for (i = 0; names[i] != NULL && res == NULL; i++) {
		char *q = xasprintf("//meta[@property='%s' or @name='%s' or "
		    "@itemprop='%s']/@content", names[i], names[i], names[i]);
		xmlXPathObject *o = xmlXPathEvalExpression((xmlChar *)q, ctx);

		if (o != NULL && o->nodesetval != NULL &&
		    o->nodesetval->nodeNr > 0) {
			xmlChar *v = xmlNodeGetContent(o->nodesetval->nodeTab[0]);

			if (v != NULL && *v != '\0')
				res = xstrdup((char *)v);
			xmlFree(v);
		}
		xmlXPathFreeObject(o);
		free(q);
	}
	if (res != NULL)
		text_normalise(res);
	return res;
}

/* Text of the first node matching an XPath expression, or NULL. */
static char *
xpath_text(xmlXPathContext *ctx, const char *expr)
{
	xmlXPathObject *o = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
	char *res = NULL;

	if (o != NULL && o->nodesetval != NULL && o->nodesetval->nodeNr > 0) {
		xmlNode *n = o->nodesetval->nodeTab[0];

		if (n->type == XML_ATTRIBUTE_NODE) {
			xmlChar *v = xmlNodeGetContent(n);

			res = xstrdup(v != NULL ? (char *)v : "");
			xmlFree(v);
			text_normalise(res);
		} else {
			res = text_of_node(n);
		}
		if (*res == '\0') {
			free(res);
			res = NULL;
		}
	}
	xmlXPathFreeObject(o);
	return res;
}

/* <title> without the site name after a separator, unless an h1 says
 * better; the h1 when there is no <title>. */
static char *
find_title(xmlXPathContext *doc)
{
	static const char *const og[] = { "og:title", "twitter:title",
	    "headline", NULL };
	static const char *const seps[] = { " - ", " | ", "_", " – ", " — ",
	    "｜", NULL };
	char *t = xpath_text(doc, "//title"), *h1 = xpath_text(doc, "//h1");
	char *m = meta(doc, og);
	int i;

	if (h1 != NULL && t != NULL && strstr(t, h1) != NULL) {
		free(t);
		free(m);
		return h1;
	}
	if (m != NULL) {
		free(t);
		free(h1);
		return m;
	}
	if (t == NULL)
		return h1;
	free(h1);
	for (i = 0; t != NULL && seps[i] != NULL; i++) {
		char *p = strstr(t, seps[i]);

		if (p != NULL && p - t > 8) {
			*p = '\0';
			break;
		}
	}
	return t;
}

#define DATE_RE "(20\\d\\d|19\\d\\d)\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*" \
	"(\\d{1,2})\\s*日?(?:\\s*(\\d{1,2}):(\\d\\d)(?::(\\d\\d))?)?"

/*
 * Dates in text: "2021-02-18 07:02:10", "2021年02月18日 07:02",
 * "2021/2/18".  With DATE_LABELLED, only a date a publication label
 * introduces ("发布时间：", "发布日期:", "发表于"); with DATE_TIMED, only
 * one with a time of day.  The first such, as "YYYY-MM-DD hh:mm:ss";
 * *at, when not NULL, gets its offset in text.
 */
enum { DATE_ANY = 0, DATE_TIMED = 1, DATE_LABELLED = 2 };

static pcre2_code *
date_re(int labelled)
{
	static pcre2_code *re[2];
	int err;
	PCRE2_SIZE off;

	if (re[labelled] == NULL)
		re[labelled] = pcre2_compile((PCRE2_SPTR)(labelled ?
		    "(?:发布|发表|发稿|刊发|发文|成文)(?:时间|日期)?\\s*(?:[：:]|于)\\s*"
		    DATE_RE : DATE_RE), PCRE2_ZERO_TERMINATED, PCRE2_UTF, &err,
		    &off, NULL);
	return re[labelled];
}

static char *
find_date_at(const char *text, int how, size_t *at)
{
	pcre2_code *re = date_re((how & DATE_LABELLED) != 0);
	pcre2_match_data *md;
	char *res = NULL;
	PCRE2_SIZE start = 0;

	if (re == NULL)
		return NULL;
	md = pcre2_match_data_create_from_pattern(re, NULL);
	while (res == NULL && pcre2_match(re, (PCRE2_SPTR)text, PCRE2_ZERO_TERMINATED,
	    start, 0, md, NULL) >= 4) {
		PCRE2_SIZE *v = pcre2_get_ovector_pointer(md);
		int rc = pcre2_get_ovector_count(md), k;
		long f[6] = { 0, 0, 0, 0, 0, 0 };

		start = v[1];
		if ((how & DATE_TIMED) && (rc < 5 || v[8] == PCRE2_UNSET))
			continue;
		for (k = 1; k <= 6 && k < rc; k++)
			if (v[2 * k] != PCRE2_UNSET)
				f[k - 1] = strtol(text + v[2 * k], NULL, 10);
		if (f[1] >= 1 && f[1] <= 12 && f[2] >= 1 && f[2] <= 31 &&
		    f[3] < 24 && f[4] < 60 && f[5] < 61) {
			res = xasprintf("%04ld-%02ld-%02ld %02ld:%02ld:%02ld",
			    f[0], f[1], f[2], f[3], f[4], f[5]);
			if (at != NULL)
				*at = v[0];
		}
	}
	pcre2_match_data_free(md);
	return res;
}

static char *
find_date_in(const char *text)
{
	return find_date_at(text, DATE_ANY, NULL);
}

/* A labelled date, else one with a time of day, else any. */
static char *
best_date_in(const char *text)
{
	char *t;

	if ((t = find_date_at(text, DATE_LABELLED, NULL)) == NULL &&
	    (t = find_date_at(text, DATE_TIMED, NULL)) == NULL)
		t = find_date_in(text);
	return t;
}

/* Is s[from..to) only white space? */
static int
blank(const char *s, size_t from, size_t to)
{
	for (; from < to; from++)
		if (strchr(" \t\r\n", s[from]) == NULL)
			return 0;
	return 1;
}

/* Offset of needle's last occurrence in s[0..end) that has more than
 * white space after it (a headline repeated just above the text is
 * passed over), or -1. */
static long
last_before(const char *s, size_t end, const char *needle)
{
	const char *p;
	long hit = -1, prev = -1;
	size_t n = strlen(needle);

	if (n == 0)
		return -1;
	for (p = strstr(s, needle); p != NULL && (size_t)(p - s) + n <= end;
	    p = strstr(p + 1, needle)) {
		prev = hit;
		hit = (long)(p - s);
	}
	if (hit >= 0 && prev >= 0 && blank(s, (size_t)hit + n, end))
		return prev;
	return hit;
}

/*
 * The page's text between the headline and the start of the article
 * text: where the info line stands ("2026年11月20日 09:40 来源：...").
 * Above the headline are the top bar and the navigation, below the
 * article's start the dates it reports on.  NULL when the article's
 * start is not found in the page.
 */
static char *
head_region(const char *page, const char *title, const char *body)
{
	size_t n = strcspn(body, "\n"), from, to;
	char *open, *p;
	long t;
	int lines;

	if (n > 60)
		n = utf8_valid_prefix(body, 60);
	if (n < 6)
		return NULL;
	open = xstrndup(body, n);
	p = strstr(page, open);
	free(open);
	if (p == NULL)
		return NULL;
	to = (size_t)(p - page);
	if (title != NULL && (t = last_before(page, to, title)) >= 0)
		from = (size_t)t + strlen(title);
	else	/* The three lines just above the text, at most 300 bytes. */
		for (from = to, lines = 0; from > 0 && to - from < 300; from--)
			if (page[from - 1] == '\n' && ++lines > 3)
				break;
	while ((page[from] & 0xc0) == 0x80)
		from++;
	return xstrndup(page + from, to - from);
}

/* The time of an element whose class or id names a time ("time",
 * "date", "pub"): the first that has a time of day, else the first. */
static char *
named_time(xmlXPathContext *doc)
{
	xmlXPathObject *o = xmlXPathEvalExpression((const xmlChar *)
	    "//*[contains(@class,'time') or contains(@class,'date') or "
	    "contains(@id,'time') or contains(@id,'date') or "
	    "contains(@class,'pub')]", doc);
	char *first = NULL, *t = NULL;
	int i;

	for (i = 0; o != NULL && o->nodesetval != NULL &&
	    i < o->nodesetval->nodeNr && t == NULL; i++) {
		char *s = text_of_node(o->nodesetval->nodeTab[i]);

		if ((t = find_date_at(s, DATE_TIMED, NULL)) == NULL &&
		    first == NULL)
			first = find_date_in(s);
		free(s);
	}
	xmlXPathFreeObject(o);
	if (t != NULL) {
		free(first);
		return t;
	}
	return first;
}

/*
 * The publication time: the page's metadata first; then, in the text,
 * the date between the headline and the article (labelled, else with a
 * time of day, else any); a date labelled for publication anywhere; an
 * element named for the time; a dateline opening the article; the first
 * date on the page with a time of day (a top bar's "2026年11月22日
 * 星期日" has none); else the first at all.  A date deeper in the
 * article is what it reports on, not when.
 */
static char *
find_time(xmlXPathContext *doc, const char *page, const char *head,
    const char *body)
{
	static const char *const names[] = { "article:published_time",
	    "og:published_time", "datePublished", "pubdate", "publishdate",
	    "PubDate", "publish_date", "dc.date", "DC.date.issued",
	    "sailthru.date", "parsely-pub-date", "article.published", NULL };
	char *t = meta(doc, names), *open;

	if (t != NULL)
		return t;
	if ((t = xpath_text(doc, "//time/@datetime")) != NULL ||
	    (t = xpath_text(doc, "//*[@itemprop='datePublished']/@content"))
	    != NULL || (t = xpath_text(doc, "//*[@data-publishtime]"
	    "/@data-publishtime")) != NULL)
		return t;
	if (page == NULL)
		return NULL;
	if (head != NULL)
		t = best_date_in(head);
	if (t == NULL)
		t = find_date_at(page, DATE_LABELLED, NULL);
	if (t == NULL)
		t = named_time(doc);
	if (t == NULL && body != NULL) {
		open = xstrndup(body, utf8_valid_prefix(body,
		    strcspn(body, "\n") < 80 ? strcspn(body, "\n") : 80));
		t = find_date_in(open);
		free(open);
	}
	if (t == NULL && (t = find_date_at(page, DATE_TIMED, NULL)) == NULL)
		t = find_date_in(page);
	return t;
}

/*
 * The value after a label in text, or NULL: with keep, the label too.
 * The patterns, compiled once: 0 a byline ("作者：X", "记者：X"), 1 a
 * source ("来源：X", "信息来源：X").
 */
static char *
labelled(const char *text, int which, int keep)
{
	static const char *const src[] = {
		"(?:作者|记者|撰稿|文)\\s*[：:]\\s*([^\\s|｜，,。()（）]{2,16})",
		"(来源)\\s*[：:]\\s*([^\\s|｜，,。()（）]{2,30})"
	};
	static pcre2_code *re[2];
	pcre2_match_data *md;
	char *res = NULL;
	int err, g;
	PCRE2_SIZE off;

	if (re[which] == NULL)
		re[which] = pcre2_compile((PCRE2_SPTR)src[which],
		    PCRE2_ZERO_TERMINATED, PCRE2_UTF, &err, &off, NULL);
	if (re[which] == NULL || text == NULL)
		return NULL;
	md = pcre2_match_data_create_from_pattern(re[which], NULL);
	g = which == 0 ? 1 : 2;
	if (pcre2_match(re[which], (PCRE2_SPTR)text, PCRE2_ZERO_TERMINATED, 0, 0,
	    md, NULL) > g) {
		PCRE2_SIZE *v = pcre2_get_ovector_pointer(md);

		if (keep && which == 1)
			res = xasprintf("%.*s：%.*s", (int)(v[3] - v[2]),
			    text + v[2], (int)(v[5] - v[4]), text + v[4]);
		else
			res = xstrndup(text + v[2 * g], v[2 * g + 1] - v[2 * g]);
	}
	pcre2_match_data_free(md);
	return res;
}

/*
 * The author: the page's metadata (a government page's ContentSource
 * too), an element marked as the author, a byline in the info line
 * under the headline, one at the head of the text; else the source the
 * info line names, as "来源：X" (a reprint's).
 */
static char *
find_author(xmlXPathContext *doc, const char *head, const char *text)
{
	static const char *const names[] = { "author", "article:author",
	    "byl", "dc.creator", "sailthru.author", "ContentSource", NULL };
	char *a = meta(doc, names);

	if (a != NULL && strncmp(a, "http", 4) != 0)
		return a;
	free(a);
	if ((a = xpath_text(doc, "//*[@rel='author']")) != NULL ||
	    (a = xpath_text(doc, "//*[@itemprop='author']//*[@itemprop='name']"))
	    != NULL || (a = xpath_text(doc, "//*[contains(@class,'byline')"
	    " or contains(@class,'author')]")) != NULL) {
		a[strcspn(a, "\n")] = '\0';
		if (strlen(a) < 100)
			return a;
		free(a);
	}
	if ((a = labelled(head, 0, 0)) != NULL ||
	    (a = labelled(text, 0, 0)) != NULL)
		return a;
	return labelled(head, 1, 1);
}

static void
clear_private(xmlNode *n)
{
	for (; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE) {
			n->_private = NULL;
			clear_private(n->children);
		}
}

/* The article text of the document under root; fresh string. */
static char *
body(xmlNode *root, int strip)
{
	struct ex x = { NULL, 0, 0, strip };
	xmlNode *top = NULL;
	double topscore = 0;
	char *res;

	clear_private(root);
	count(&x, root, 0);
	fix_ptrs(&x, root);
	if (root->_private == NULL) {
		free(x.st);
		return xstrdup("");
	}
	sum(root, 0);
	score(root->children);
	best(root, &top, &topscore);
	if (top != NULL)
		top = promote(root, top, topscore);
	res = top != NULL ? body_text(top, topscore) : xstrdup("");
	clear_private(root);
	free(x.st);
	return res;
}

/* Fields of an info row: short labels ending in a colon, "信息来源：". */
static int
label_fields(const char *line)
{
	static pcre2_code *re;
	pcre2_match_data *md;
	PCRE2_SIZE start = 0, off;
	int err, n = 0;

	if (re == NULL)
		re = pcre2_compile((PCRE2_SPTR)"(?<!\\p{Han})\\p{Han}{2,5}\\s*[：:]",
		    PCRE2_ZERO_TERMINATED, PCRE2_UTF, &err, &off, NULL);
	if (re == NULL)
		return 0;
	md = pcre2_match_data_create_from_pattern(re, NULL);
	while (pcre2_match(re, (PCRE2_SPTR)line, PCRE2_ZERO_TERMINATED, start, 0,
	    md, NULL) > 0) {
		n++;
		start = pcre2_get_ovector_pointer(md)[1];
	}
	pcre2_match_data_free(md);
	return n;
}

/* Does s hold the end of a sentence? */
static int
sentence(const char *s)
{
	return strstr(s, "。") != NULL || strstr(s, "！") != NULL ||
	    strstr(s, "？") != NULL;
}

/* Does s hold a year, 1900 to 2099? */
static int
has_year(const char *s)
{
	for (; *s != '\0'; s++)
		if ((strncmp(s, "19", 2) == 0 || strncmp(s, "20", 2) == 0) &&
		    s[2] >= '0' && s[2] <= '9' && s[3] >= '0' && s[3] <= '9')
			return 1;
	return 0;
}

/*
 * A byline, dateline, info row or credit line: short, with a date, a
 * marker, or two label: value fields and no sentence end.  At the tail
 * also a copyright notice.
 */
static int
meta_line(const char *line, size_t len, int tail)
{
	static const char *const marks[] = { "来源：", "来源:", "作者：",
	    "编辑：", "责任编辑", "出处：", "原标题", "转载请注明", "记者：",
	    "发布时间", "浏览次数", "阅读次数", "字号", NULL };
	static const char *const rights[] = { "版权所有", "版权声明", "版权归",
	    "未经授权", "未经许可", "免责声明", "Copyright",
	    "All Rights Reserved", "All rights reserved", NULL };
	char *copy, *d;
	int i, hit = 0;
	size_t chars = utf8_len(line, len);

	if (chars > 120)
		return 0;
	copy = xstrndup(line, len);
	for (i = 0; marks[i] != NULL; i++)
		hit += strstr(copy, marks[i]) != NULL;
	for (i = 0; tail && rights[i] != NULL; i++)
		hit += 2 * (strstr(copy, rights[i]) != NULL);
	/* "© 2026 ...", not a photo credit's "© Reuters". */
	if (tail && (d = strstr(copy, "©")) != NULL && has_year(d))
		hit += 2;
	if (!hit && chars <= 80 && !sentence(copy) && label_fields(copy) >= 2)
		hit = 2;
	/* A long line is meta only when it is a row of such fields. */
	if (chars > 60 && hit < 2)
		hit = 0;
	/* A dateline, not a sentence with a date in it; at the end, a bare
	 * date is a document's signature (落款): kept. */
	else if (!hit && !sentence(copy) && (d = find_date_at(copy,
	    tail ? DATE_TIMED : DATE_ANY, NULL)) != NULL) {
		hit = 1;
		free(d);
	}
	free(copy);
	return hit > 0;
}

/* Drop meta lines, and the headline repeated, from the first and last
 * lines of the body. */
static void
strip_meta(char *text, const char *title)
{
	char *p, *nl, *last;
	int i;

	/* Also the one- or two-character controls ("字号 大 中 小"). */
	for (i = 0; i < 8 && *text != '\0'; i++) {
		nl = strchr(text, '\n');
		if (nl == NULL || (!meta_line(text, (size_t)(nl - text), 0) &&
		    utf8_len(text, (size_t)(nl - text)) > 2 &&
		    !(title != NULL && strlen(title) == (size_t)(nl - text) &&
		    strncmp(text, title, strlen(title)) == 0)))
			break;
		memmove(text, nl + 1, strlen(nl + 1) + 1);
	}
	for (i = 0; i < 3; i++) {
		if ((last = strrchr(text, '\n')) == NULL)
			break;
		p = last + 1;
		if (!meta_line(p, strlen(p), 1))
			break;
		*last = '\0';
	}
}

int
extract_article(const char *html, size_t n, const char *charset,
    const char *url, struct article *a)
{
	static const char *const canon[] = { "og:url", NULL };
	xmlXPathContext *ctx;
	xmlNode *root;
	htmlDocPtr doc;
	size_t len;
	char *u, *raw, *page, *head;

	memset(a, 0, sizeof(*a));
	u = cs_to_utf8(html, n, charset, &len);
	doc = htmlReadMemory(u, (int)len, url, "UTF-8", HTML_PARSE_RECOVER |
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
	    HTML_PARSE_COMPACT);
	free(u);
	if (doc == NULL || (root = xmlDocGetRootElement(doc)) == NULL) {
		xmlFreeDoc(doc);
		return -1;
	}
	a->text = body(root, 1);
	if (strlen(a->text) < 500) {
		/* Too little: the article may sit in an unlikely-named block. */
		char *t = body(root, 0);

		if (strlen(t) > strlen(a->text)) {
			free(a->text);
			a->text = t;
		} else {
			free(t);
		}
	}
	ctx = xmlXPathNewContext(doc);
	a->title = find_title(ctx);
	raw = xstrdup(a->text);
	strip_meta(a->text, a->title);
	page = xpath_text(ctx, "//body");
	head = page != NULL ? head_region(page, a->title, a->text) : NULL;
	a->author = find_author(ctx, head, raw);
	a->published = find_time(ctx, page, head, a->text);
	free(raw);
	free(page);
	free(head);
	if ((a->canonical = xpath_text(ctx, "//link[@rel='canonical']/@href"))
	    == NULL)
		a->canonical = meta(ctx, canon);
	xmlXPathFreeContext(ctx);
	xmlFreeDoc(doc);
	return 0;
}

void
article_free(struct article *a)
{
	free(a->title);
	free(a->text);
	free(a->author);
	free(a->published);
	free(a->canonical);
}
