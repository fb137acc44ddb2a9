/*
 * text.c: HTML to plain text over the libxml2 DOM.  Entities are decoded
 * by the parser; here scripts, styles and form controls are dropped,
 * block elements end lines, and white space (including no-break and
 * ideographic spaces) is collapsed, so that "text" in a record is plain
 * paragraphs separated by newlines.
 */
#include <string.h>
#include <strings.h>
#include <libxml/HTMLparser.h>
#include "yq.h"
#include "fetch.h"

struct tbuf {
	char *s;
	size_t len, cap;
	int space, nl;		/* a space or a line break is pending */
};

static const char *const skipped[] = {
	"script", "style", "noscript", "template", "iframe", "svg", "object",
	"embed", "select", "option", "button", "textarea", "input", "canvas",
	"audio", "video", "map", "head", "title", "meta", "link", NULL
};

static const char *const blocks[] = {
	"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
	"table", "tr", "blockquote", "pre", "section", "article", "header",
	"footer", "aside", "nav", "dd", "dt", "dl", "figure", "figcaption",
	"hr", "address", "main", "center", "form", "fieldset", "legend",
	"caption", "tbody", "thead", "tfoot", "body", "html", "details",
	"summary", NULL
};

static int
in_list(const xmlChar *name, const char *const *list)
{
	int i;

	for (i = 0; list[i] != NULL; i++)
		if (strcasecmp((const char *)name, list[i]) == 0)
			return 1;
	return 0;
}

int
text_is_skipped(const xmlNode *n)
{
	return n->type == XML_ELEMENT_NODE && in_list(n->name, skipped);
}

int
text_is_block(const xmlNode *n)
{
	return n->type == XML_ELEMENT_NODE && in_list(n->name, blocks);
}

static void
tb_put(struct tbuf *b, const char *p, size_t n)
{
	if (b->len + n + 2 > b->cap) {
		b->cap = (b->len + n + 2) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* Length of the white-space character at p (0 if none): ASCII space,
 * U+00A0, U+3000, U+200B. */
static size_t
white(const unsigned char *p)
{
	if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' ||
	    *p == '\v')
		return 1;
	if (p[0] == 0xc2 && p[1] == 0xa0)
		return 2;
	if (p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x80)
		return 3;
	if (p[0] == 0xe2 && p[1] == 0x80 && p[2] == 0x8b)
		return 3;
	return 0;
}

/* Append text, collapsing white space; newline keeps lines when
 * keep_lines is set (plain strings), else it is a space. */
static void
tb_text(struct tbuf *b, const char *s, int keep_lines)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t w;

	while (*p != '\0') {
		if ((w = white(p)) > 0) {
			if (keep_lines && *p == '\n')
				b->nl = 1;
			else
				b->space = 1;
			p += w;
			continue;
		}
		if (b->len > 0 && b->nl)
			tb_put(b, "\n", 1);
		else if (b->len > 0 && b->space)
			tb_put(b, " ", 1);
		b->nl = b->space = 0;
		/* Copy the run up to the next white space at once. */
		w = 1;
		while (p[w] != '\0' && white(p + w) == 0)
			w++;
		tb_put(b, (const char *)p, w);
		p += w;
	}
}

static void
walk(struct tbuf *b, xmlNode *n, int (*skip)(xmlNode *, void *), void *arg)
{
	for (; n != NULL; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content != NULL)
				tb_text(b, (const char *)n->content, 0);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE || text_is_skipped(n) ||
		    (skip != NULL && skip(n, arg)))
			continue;
		if (text_is_block(n))
			b->nl = 1;
		walk(b, n->children, skip, arg);
		if (text_is_block(n))
			b->nl = 1;
		else if (strcasecmp((const char *)n->name, "td") == 0 ||
		    strcasecmp((const char *)n->name, "th") == 0)
			b->space = 1;
	}
}

char *
text_of_node_filtered(xmlNode *node, int (*skip)(xmlNode *, void *),
    void *arg)
{
	struct tbuf b = { NULL, 0, 0, 0, 0 };

	tb_put(&b, "", 0);
	if (node != NULL) {
		if (node->type == XML_ELEMENT_NODE && text_is_block(node))
			b.nl = 1;
		if (node->type == XML_TEXT_NODE && node->content != NULL)
			tb_text(&b, (const char *)node->content, 0);
		else if (node->type == XML_ELEMENT_NODE ||
		    node->type == XML_DOCUMENT_NODE ||
		    node->type == XML_HTML_DOCUMENT_NODE)
			walk(&b, node->children, skip, arg);
	}
	return b.s;
}

char *
text_of_node(xmlNode *node)
{
	return text_of_node_filtered(node, NULL, NULL);
}

char *
text_of_html(const char *html)
{
	htmlDocPtr doc;
	char *res;

	if (strchr(html, '<') == NULL && strchr(html, '&') == NULL) {
		res = xstrdup(html);
		text_normalise(res);
		return res;
	}
	doc = htmlReadMemory(html, (int)strlen(html), NULL, "UTF-8",
	    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	    HTML_PARSE_NONET | HTML_PARSE_NOIMPLIED);
	if (doc == NULL)
		return xstrdup("");
	res = text_of_node((xmlNode *)doc);
	xmlFreeDoc(doc);
	return res;
}

void
text_normalise(char *s)
{
	struct tbuf b = { NULL, 0, 0, 0, 0 };

	tb_put(&b, "", 0);
	tb_text(&b, s, 1);
	memcpy(s, b.s, b.len + 1);
	free(b.s);
}
