/*
 * feed.c: RSS 2.0, RSS 1.0 (RDF) and Atom feeds, parsed by libxml2,
 * one post per item.  Elements are matched by local name, so the
 * namespaced extensions feeds use (dc:date, dc:creator,
 * content:encoded, slash:comments) are read wherever they appear.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libxml/parser.h>
#include "yq.h"
#include "fetch.h"

struct item {
	char *title, *link, *id, *date, *author, *html, *summary, *comments;
	xmlNode *xhtml;		/* Atom content of type xhtml */
};

static int
named(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

static int
in_ns(const xmlNode *n, const char *frag)
{
	return n->ns != NULL && n->ns->href != NULL &&
	    strstr((const char *)n->ns->href, frag) != NULL;
}

static char *
content(const xmlNode *n)
{
	xmlChar *c = xmlNodeGetContent(n);
	char *s = xstrdup(c != NULL ? (const char *)c : "");

	xmlFree(c);
	return s;
}

/* Keep the first value seen for a field. */
static void
set(char **field, char *value)
{
	if (*field == NULL && *value != '\0')
		*field = value;
	else
		free(value);
}

static char *
attr(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s = v != NULL ? xstrdup((const char *)v) : NULL;

	xmlFree(v);
	return s;
}

/* Atom <link>: the alternate one (or the one without rel). */
static void
atom_link(struct item *it, const xmlNode *n)
{
	char *rel = attr(n, "rel"), *href = attr(n, "href");

	if (href != NULL && (rel == NULL || strcmp(rel, "alternate") == 0))
		set(&it->link, href);
	else if (href != NULL && it->link == NULL && it->id == NULL &&
	    strcmp(rel, "self") != 0)
		set(&it->id, href);
	else
		free(href);
	free(rel);
}

static void
atom_content(struct item *it, xmlNode *n)
{
	char *type = attr(n, "type");

	if (type != NULL && strcmp(type, "xhtml") == 0 && it->xhtml == NULL &&
	    it->html == NULL)
		it->xhtml = n;
	free(type);
	if (it->xhtml != n)
		set(named(n, "content") ? &it->html : &it->summary, content(n));
}

static void
read_field(struct item *it, xmlNode *n, int atom)
{
	const char *name = (const char *)n->name;

	if (strcmp(name, "title") == 0)
		set(&it->title, content(n));
	else if (strcmp(name, "link") == 0)
		atom ? atom_link(it, n) : set(&it->link, content(n));
	else if (strcmp(name, "guid") == 0 || strcmp(name, "id") == 0)
		set(&it->id, content(n));
	else if (strcmp(name, "pubDate") == 0 || strcmp(name, "published") ==
	    0 || strcmp(name, "date") == 0 || strcmp(name, "issued") == 0 ||
	    strcmp(name, "updated") == 0 || strcmp(name, "modified") == 0)
		set(&it->date, content(n));
	else if (strcmp(name, "author") == 0 || strcmp(name, "creator") == 0)
		set(&it->author, content(n));
	else if (strcmp(name, "encoded") == 0)
		set(&it->html, content(n));
	else if (atom && (strcmp(name, "content") == 0 ||
	    strcmp(name, "summary") == 0))
		atom_content(it, n);
	else if (strcmp(name, "description") == 0)
		set(&it->summary, content(n));
	else if (strcmp(name, "comments") == 0 && in_ns(n, "slash"))
		set(&it->comments, content(n));
}

static void
item_free(struct item *it)
{
	free(it->title);
	free(it->link);
	free(it->id);
	free(it->date);
	free(it->author);
	free(it->html);
	free(it->summary);
	free(it->comments);
}

struct feedctx {
	const char *source, *platform, *base;
	time_t fetched;
	struct emitter *e;
	int count, stop;
};

static void
emit_item(struct feedctx *f, xmlNode *n, int atom)
{
	struct item it;
	struct post p;
	xmlNode *c;
	char *url, *text, *title;

	memset(&it, 0, sizeof(it));
	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			read_field(&it, c, atom);
	if (it.author != NULL)
		text_normalise(it.author);
	url = it.link != NULL ? canon_resolve(f->base, it.link) : NULL;
	if (it.xhtml != NULL)
		text = text_of_node(it.xhtml);
	else
		text = text_of_html(it.html != NULL ? it.html :
		    it.summary != NULL ? it.summary : "");
	title = text_of_html(it.title != NULL ? it.title : "");
	post_init(&p);
	p.source = f->source;
	p.platform = f->platform;
	p.url = url;
	p.native_id = it.id;
	p.title = *title != '\0' ? title : NULL;
	p.text = text;
	p.author = it.author;
	p.published = it.date;
	p.fetched = f->fetched;
	if (it.comments != NULL)
		p.metrics[1] = strtoll(it.comments, NULL, 10);
	if (emit_post(f->e, &p) < 0)
		f->stop = 1;
	f->count++;
	free(url);
	free(text);
	free(title);
	item_free(&it);
}

/* The feed's own title, for the source name. */
static char *
channel_title(xmlNode *chan)
{
	xmlNode *c;

	for (c = chan != NULL ? chan->children : NULL; c != NULL; c = c->next)
		if (named(c, "title")) {
			char *t = content(c);

			text_normalise(t);
			return t;
		}
	return NULL;
}

/* The site's address, a base for relative item links in a feed read
 * from a file. */
static char *
channel_link(xmlNode *chan)
{
	xmlNode *c;

	for (c = chan->children; c != NULL; c = c->next)
		if (named(c, "link")) {
			char *href = attr(c, "href"), *t;

			if (href != NULL)
				return href;
			t = content(c);
			text_normalise(t);
			if (*t != '\0')
				return t;
			free(t);
		}
	return NULL;
}

static void
walk_items(struct feedctx *f, xmlNode *parent, const char *item, int atom)
{
	xmlNode *c;

	for (c = parent->children; c != NULL && !f->stop; c = c->next)
		if (named(c, item))
			emit_item(f, c, atom);
}

int
feed_parse(const char *buf, size_t n, const char *charset,
    const char *source, const char *platform, const char *url,
    time_t fetched, struct emitter *e, const char **err)
{
	struct feedctx f = { source, platform, url, fetched, e, 0, 0 };
	xmlNode *root, *chan = NULL, *c;
	char *u, *title = NULL, *link = NULL;
	size_t len;
	xmlDoc *doc;

	u = cs_to_utf8(buf, n, charset, &len);
	doc = xmlReadMemory(u, (int)len, url, "UTF-8", XML_PARSE_RECOVER |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NONET |
	    XML_PARSE_NOCDATA);
	free(u);
	if (doc == NULL || (root = xmlDocGetRootElement(doc)) == NULL) {
		xmlFreeDoc(doc);
		*err = "not well-formed XML";
		return -1;
	}
	if (named(root, "rss"))
		for (c = root->children; c != NULL && chan == NULL; c = c->next)
			if (named(c, "channel"))
				chan = c;
	if (named(root, "RDF"))
		for (c = root->children; c != NULL && chan == NULL; c = c->next)
			if (named(c, "channel"))
				chan = c;
	if (named(root, "feed"))
		chan = root;
	if (chan == NULL) {
		xmlFreeDoc(doc);
		*err = "not an RSS, RDF or Atom feed";
		return -1;
	}
	if (f.source == NULL)
		f.source = title = channel_title(chan);
	if (f.base == NULL)
		f.base = link = channel_link(chan);
	if (named(root, "feed"))
		walk_items(&f, root, "entry", 1);
	else
		walk_items(&f, named(root, "RDF") ? root : chan, "item", 0);
	free(title);
	free(link);
	xmlFreeDoc(doc);
	return f.stop ? -2 : f.count;
}

int
feed_sniff(const char *buf, size_t n)
{
	static const char *const roots[] = { "rss", "feed", "rdf:RDF", "RDF", NULL };
	size_t lim = n < 4096 ? n : 4096, i, k, left;

	for (i = 0; i + 5 < lim; i++) {
		if (buf[i] != '<')
			continue;
		if (buf[i + 1] == '?' || buf[i + 1] == '!')
			continue;
		/* buf is not a string: compare within what is left of it. */
		left = n - i - 1;
		for (k = 0; roots[k] != NULL; k++)
			if (strlen(roots[k]) <= left &&
			    memcmp(buf + i + 1, roots[k], strlen(roots[k])) == 0)
				return 1;
		return 0;
	}
	return 0;
}
