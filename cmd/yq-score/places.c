/*
 * places.c: the places a post names, and the role each plays in it.
 *
 * Names come from the gazetteer (common/gazetteer.c).  A name counts only
 * where a reader reads it as one: on yq-seg's word boundaries when the
 * post has "tokens" (远大理想 is 远大 + 理想, not 大理; 出台北京 is 出台 +
 * 北京, not 台北; 李长春 is one word, a person), else on the text with
 * the same rules on the characters around.  What follows a name decides
 * what it is:
 *   - a road word (南京路, 西藏路口): no place;
 *   - an organisation's word (东方卫视, 双流机场, 沈阳军区, 北京大学): a
 *     side mention;
 *   - an organ of government (北海市委, 泰顺县公安局): the place of a body;
 *   - the rest of a longer word (北京时间, 杭州湾): no place, unless the
 *     name is a full one (杭州市民);
 *   - anything else: the scene, where the post's event happens.
 *   - a product's head (兰州拉面, 安溪铁观音; dict/products.txt): a side
 *     mention, the product's origin, and so are the places right before
 *     it (福建 in 福建安溪铁观音);
 *   - a title (香港《动向》): a side mention, the periodical's name;
 *   - 籍 (安徽籍民工): a side mention, a person's home town;
 *   - a date and 电 (新华网北京11月23日电): a side mention, the dateline
 *     of the place the reporter files from.
 * A word before it can make it a side mention too: the author's
 * whereabouts (刚到石家庄).  Inside a title 《...》 a name is the work's
 * (《南京！南京！》, 《赤壁》): a side mention, unless the title is a
 * headline quoted as such (题为《重庆解放碑城市管理者打人》), which says
 * what happened where.  A division right after a county is a town or
 * village of that county, not a division of ours, unless it is one of
 * the county's siblings (石渠县西区长沙贡马乡: neither 西区 nor 长沙).
 * Names that need their province or city beside them (gazetteer.h,
 * GAZ_N_WEAK) count with it, or before an area word (泰顺县城,
 * 城东地区), and an ordinary word (GAZ_N_ORDINARY) only with its
 * province or city right before it (郑州上街, not 上街卖盗版CD); a name
 * several places share is resolved by the post's other places, else by
 * the highest level, else left out.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gazetteer.h"
#include "record.h"
#include "score.h"
#include "utf8.h"
#include "wordset.h"
#include "yq.h"

#define MAXCAND 32
#define MAXNAMEBYTES 64
#define WINDOW 3		/* tokens a name may span (泰顺 + 县) */

enum role { R_NONE, R_SCENE, R_BODY, R_SIDE };
static const char *const rolename[] = { "none", "scene", "body", "side" };

/* What the words after a name make of it. */
enum after {
	A_PLAIN, A_AREA, A_BODY, A_ROAD, A_ORG, A_WORD, A_NAME, A_TIME, A_ORGAN,
	A_PRODUCT, A_MEDIUM, A_HOME, A_DATELINE
};

/* Why a hit is a product's origin, or no division: compared by address. */
static const char why_product[] = "a product's origin";
static const char why_notdiv[] = "not a division of the place before it";
static const char why_town[] = "a town of the county before it";

/* Heads of products named after their origin (dict/products.txt). */
static json_t *products;

struct hit {
	const struct gaz_place *c[MAXCAND];
	int kinds[MAXCAND];
	size_t nc;
	const struct gaz_place *chosen;
	char word[MAXNAMEBYTES];	/* the name as written */
	enum role role;
	const char *why;		/* what decided the role */
	int area;			/* an area word follows: weak names count */
	size_t prev;			/* 1 + the hit right before it, or 0 */
};

static int
starts(const char *s, const char *w)
{
	return strncmp(s, w, strlen(w)) == 0;
}

static int
starts_any(const char *s, const char *const *w)
{
	for (; *w != NULL; w++)
		if (starts(s, *w))
			return 1;
	return 0;
}

/* Parts of a place's territory, its people and its levels. */
static const char *const area_words[] = {
	"省", "市", "县", "区", "州", "盟", "旗", "地区", "境内", "一带", "当地",
	"辖区", "县城", "城区", "园区", "开发区", "高新区", "经开区", "化工园区",
	"工业园", "产业园", "人", "籍", "全境", "城", "特区", NULL
};
/*
 * Streets and roads named after places (南京路, 北京西路, 西藏路口): a
 * street of any town may bear any place's name.  道 only as a word of
 * its own: as the start of one it is 道歉, 道德.  Bridges are not here:
 * 沄江大桥 crosses the place it names.
 */
static const char *const road_words[] = {
	"路", "街", "大街", "大道", "巷", "胡同", "弄", "路口", "路段", NULL
};
/* Organs of government whose name begins with the place (北海市委). */
static const char *const body_words[] = {
	"委", "政府", "人民政府", "公安", "警方", "交警", "法院", "人民法院",
	"检察", "人民检察院", "纪委", "监委", "人大", "政协", "城管", "消防",
	"环保", "教育局", "卫健委", "卫生局", "民政", "国土", "住建", "房管",
	"官方", "当局", "有关部门", "相关部门", NULL
};
/*
 * Organisations and buildings a place's name begins: the place is only
 * part of their name (双流机场, 东方卫视, 沈阳军区, 北京大学, 北京国安).
 */
static const char *const org_words[] = {
	"大学", "学院", "中学", "小学", "幼儿园", "学校", "医院", "医科", "机场",
	"火车站", "高铁站", "汽车站", "东站", "西站", "南站", "北站", "卫视",
	"电视", "日报", "晚报", "商报", "晨报", "都市报", "青年报", "法制报",
	"广播", "电台", "新闻网", "银行", "公司", "集团", "股份", "军区",
	"警备区", "武警", "酒店", "宾馆", "饭店", "大厦", "广场", "公园", "商场",
	"体育场", "体育馆", "球队", "队", "俱乐部", "国安", "申花", "恒大",
	"港口", "码头", "动物园", "博物馆", "剧院", "影院",
	/* A firm's or bank's branch there (工行深圳分行, 央行上海总部). */
	"分行", "支行", "分公司", "总部", "营业部", "营业管理部", NULL
};
/*
 * How the name of an organ of government ends: a word the segmenter
 * made of a place and an organ (香港贸易发展局, 上海市政府) names a body.
 */
static const char *const organ_ends[] = {
	"局", "政府", "委员会", "厅", "署", "委", "办公室", "法院", "检察院", NULL
};

/* Words before a name that make it the author's whereabouts. */
static const char *const whereabouts[] = {
	"刚到", "抵达", "飞抵", "坐标", "人在", "身在", "途经", "路过", "我在",
	NULL
};

/* Whether s starts with one of the words of two characters or more. */
static int
starts_long(const char *s, const char *const *w)
{
	for (; *w != NULL; w++)
		if (strlen(*w) > 3 && starts(s, *w))
			return 1;
	return 0;
}

/* Whether s ends with one of the words. */
static int
ends_any(const char *s, const char *const *w)
{
	size_t n = strlen(s);

	for (; *w != NULL; w++)
		if (strlen(*w) <= n && strcmp(s + n - strlen(*w), *w) == 0)
			return 1;
	return 0;
}

static int
in_list(const char *s, const char *const *w)
{
	for (; *w != NULL; w++)
		if (strcmp(s, *w) == 0)
			return 1;
	return 0;
}

/* A road word, after a direction maybe (北京西路); whole: rest is a word. */
static int
is_road(const char *rest, int whole)
{
	static const char *const dirs[] = { "东", "西", "南", "北", "中", NULL };
	/* "The streets of": 重庆街头 is Chongqing, not a street's name. */
	static const char *const streets[] = { "街头", "街上", "街边", NULL };

	if (whole && strcmp(rest, "道") == 0)
		return 1;
	if (starts_any(rest, streets))
		return 0;
	if (starts_any(rest, dirs) && starts_any(rest + 3, road_words))
		return 1;
	return starts_any(rest, road_words);
}

/* An organ of government, after a level maybe (市委, 县公安局). */
static int
is_body(const char *rest)
{
	static const char *const lv[] = { "省", "市", "县", "区", "州", NULL };

	if (starts_any(rest, lv) && starts_any(rest + 3, body_words))
		return 1;
	return starts_any(rest, body_words);
}

int
places_load(void)
{
	return (products = ws_load("products.txt")) == NULL ? -1 : 0;
}

void
places_free(void)
{
	json_decref(products);
	products = NULL;
}

/*
 * Whether a product's head follows: word (a whole token) is one, or,
 * inside a word or without tokens, rest's first one to four characters.
 */
static int
is_product(const char *rest, const char *word, int whole)
{
	char head[16];
	size_t n = 0, i;

	if (whole)
		return ws_has(products, word);
	for (i = 0; i < 4 && rest[n] != '\0'; i++) {
		do
			n++;
		while ((rest[n] & 0xc0) == 0x80);
		if (n >= sizeof head)
			break;
		memcpy(head, rest, n);
		head[n] = '\0';
		if (ws_has(products, head))
			return 1;
	}
	return 0;
}

/* Digits, then the word w; the text after it, or NULL. */
static const char *
number_then(const char *s, const char *w)
{
	if (!isdigit((unsigned char)*s))
		return NULL;
	while (isdigit((unsigned char)*s))
		s++;
	return starts(s, w) ? s + strlen(w) : NULL;
}

/*
 * A dateline's date after the place (北京11月23日电, 武汉7月31日消息):
 * the place a news agency's reporter files from, not the story's.
 */
static int
is_dateline(const char *rest)
{
	const char *s = number_then(rest, "月");

	if (s == NULL || (s = number_then(s, "日")) == NULL)
		return 0;
	return starts(s, "电") || starts(s, "讯") || starts(s, "消息");
}

/*
 * What the text after a name makes of it.  rest: what follows; whole:
 * rest begins a word (token) and word is that word alone, for the
 * one-character words that count only as words of their own (市, 人, 道);
 * inword: rest is what follows in the same word.
 */
static enum after
after_of(const char *rest, const char *word, int whole, int inword)
{
	if (*rest == '\0')
		return A_PLAIN;
	if (starts(rest, "《"))
		return A_MEDIUM;
	if (is_dateline(rest))
		return A_DATELINE;
	if (whole ? strcmp(word, "籍") == 0 : starts(rest, "籍"))
		return A_HOME;
	if (is_product(rest, word, whole))
		return A_PRODUCT;
	if (is_road(whole ? word : rest, whole))
		return A_ROAD;
	if (is_body(rest))
		return A_BODY;
	if (starts(rest, "时间"))
		return A_TIME;
	if (whole ? in_list(word, area_words) || starts_long(rest, area_words) :
	    starts_any(rest, area_words))
		return A_AREA;
	/* A road's own name after it (海淀区 学院路): the road is there. */
	if (whole && ends_any(word, road_words))
		return A_PLAIN;
	if (starts_any(rest, org_words))
		return A_ORG;
	if (gaz_longest(rest, strlen(rest)) > 0)
		return A_NAME;
	if (inword && ends_any(rest, organ_ends))
		return A_ORGAN;
	return inword ? A_WORD : A_PLAIN;
}

/* Whether word is a full name of one of the hit's places (杭州市, 卢湾区). */
static int
full_name(const struct hit *h)
{
	size_t i;

	for (i = 0; i < h->nc; i++)
		if (!(h->kinds[i] & GAZ_N_SHORT))
			return 1;
	return 0;
}

/*
 * The role and reason each kind of following words gives a name, where
 * no more is needed (role_after decides the rest).
 */
static const struct {
	enum role role;
	const char *why;
} fixed_role[] = {
	[A_PLAIN] = { R_SCENE, NULL },
	[A_NAME] = { R_SCENE, NULL },
	[A_ORGAN] = { R_BODY, "body" },	/* no area word: 公安局 is no 公安县's */
	[A_ORG] = { R_SIDE, "in a name" },
	[A_TIME] = { R_NONE, "a time zone" },
	[A_PRODUCT] = { R_SIDE, why_product },
	[A_MEDIUM] = { R_SIDE, "a periodical's name" },
	[A_HOME] = { R_SIDE, "a home town" },
	[A_DATELINE] = { R_SIDE, "a dateline" },
};

/* The role the words after a name give it, and why. */
static void
role_after(struct hit *h, enum after a)
{
	switch (a) {
	case A_ROAD:
		/* Streets bear short forms: 泗水县大街 is the county's street. */
		h->role = full_name(h) ? R_SCENE : R_NONE;
		h->why = full_name(h) ? NULL : "road";
		break;
	case A_BODY:
		h->role = R_BODY;
		h->area = 1;
		h->why = "body";
		break;
	case A_AREA:
		h->area = 1;
		h->role = R_SCENE;
		break;
	case A_WORD:
		h->role = full_name(h) ? R_SCENE : R_NONE;
		h->why = h->role == R_NONE ? "inside a word" : NULL;
		break;
	default:
		h->role = fixed_role[a].role;
		h->why = fixed_role[a].why;
		break;
	}
}

struct scan {
	struct hit *h;
	size_t n, cap;
	json_t *explain;	/* NULL, or where to say why */
	size_t after;		/* token or byte right after the last name */
	int title;		/* inside a work's title 《...》 */
};

/* A new hit for word[0..len), or NULL when no place has that name. */
static struct hit *
add_hit(struct scan *sc, const char *word, size_t len)
{
	struct hit *h;

	if (len >= MAXNAMEBYTES)
		return NULL;
	if (sc->n == sc->cap) {
		sc->cap = sc->cap ? sc->cap * 2 : 8;
		sc->h = xrealloc(sc->h, sc->cap * sizeof *sc->h);
	}
	h = &sc->h[sc->n];
	if ((h->nc = gaz_candidates(word, len, h->c, h->kinds, MAXCAND)) == 0)
		return NULL;
	memcpy(h->word, word, len);
	h->word[len] = '\0';
	h->chosen = NULL;
	h->role = R_SCENE;
	h->why = NULL;
	h->area = 0;
	h->prev = 0;
	sc->n++;
	return h;
}

/* Whether text[0..i) ends with one of the words. */
static int
ends_with(const char *text, size_t i, const char *const *w)
{
	for (; *w != NULL; w++)
		if (strlen(*w) <= i && memcmp(text + i - strlen(*w), *w, strlen(*w)) == 0)
			return 1;
	return 0;
}

/* A name inside a work's title is the work's: a side mention. */
static void
in_title(const struct scan *sc, struct hit *h)
{
	if (sc->title && (h->role == R_SCENE || h->role == R_BODY)) {
		h->role = R_SIDE;
		h->why = "in a title";
	}
}

/*
 * Whether a title opens or closes at s, given the text before it ends
 * with pre (a token, or the text itself): 《 opens a work's title, unless
 * a headline is quoted as such (题为《...》, 标题为《...》), which says
 * what happened where; 》 or a sentence's end closes it.  -1: neither.
 */
static int
title_at(const char *s, const char *pre, size_t npre)
{
	static const char *const headline[] = { "题为", "标题", NULL };

	if (starts(s, "《"))
		return !ends_with(pre, npre, headline);
	if (starts(s, "》") || starts(s, "。"))
		return 0;
	return -1;
}

/* Whether the token before t makes a name the author's whereabouts. */
static int
whereabouts_before(json_t *tokens, size_t t)
{
	const char *p = t > 0 ? json_string_value(json_array_get(tokens, t - 1)) : NULL;
	const char *pp = t > 1 ? json_string_value(json_array_get(tokens, t - 2)) : NULL;

	if (p == NULL)
		return 0;
	return in_list(p, whereabouts) || (strcmp(p, "到") == 0 && pp != NULL &&
	    strcmp(pp, "刚") == 0);
}

/*
 * The window of up to WINDOW tokens from t, from byte pos of token t,
 * into buf; ends[] gets the byte offsets where each token ends.
 */
static size_t
window(json_t *tokens, size_t t, size_t pos, char *buf, size_t *ends, size_t *nends)
{
	size_t len = 0, k, n;
	const char *s;

	*nends = 0;
	for (k = t; k < t + WINDOW && k < json_array_size(tokens); k++) {
		s = json_string_value(json_array_get(tokens, k));
		if (s == NULL)
			break;
		if (k == t)
			s += pos;
		if (len + (n = strlen(s)) >= MAXNAMEBYTES)
			break;
		memcpy(buf + len, s, n);
		len += n;
		ends[(*nends)++] = len;
	}
	buf[len] = '\0';
	return len;
}

/*
 * The longest name at buf that ends inside its first token or on a
 * token's end; 0 when none.  *k gets the index of the token it ends in.
 */
static size_t
name_in_window(const char *buf, size_t len, const size_t *ends, size_t nends, size_t *k)
{
	const struct gaz_place *c[1];
	int kinds[1];
	size_t m = gaz_longest(buf, len), j;

	while (m >= 6) {
		for (j = 0; j < nends && ends[j] < m; j++)
			;
		/*
		 * A lone character the segmenter could not join to anything
		 * (沄 + 江边: a name it does not know) lets the name end
		 * inside the next word.
		 */
		if (j < nends && (j == 0 || ends[j] == m || (ends[0] == 3 && j == 1)) &&
		    gaz_candidates(buf, m, c, kinds, 1) > 0) {
			*k = j;
			return m;
		}
		/* One character shorter. */
		do
			m--;
		while (m > 0 && (buf[m] & 0xc0) == 0x80);
	}
	return 0;
}

/*
 * Common surnames: a two-character short form right after one and
 * before nothing that makes it a place is taken for a given name
 * (李长春, or 胡 + 金华 where the segmenter split a name).
 */
static const char surnames[] =
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董"
    "袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金廖贾夏韦付邹孟熊秦邱"
    "薛闫段雷侯史陶黎贺顾毛郝龚邵钱覃戴莫孔汤";

/*
 * Whether the hit, at token t, is a given name: a two-character short
 * form right after a one-character token that is a surname, before
 * nothing that makes it a place (an area word would have said so).
 */
static int
given_name(json_t *tokens, size_t t, const struct hit *h)
{
	const char *p = t > 0 ? json_string_value(json_array_get(tokens, t - 1)) : NULL;

	return p != NULL && strlen(p) == 3 && strstr(surnames, p) != NULL &&
	    strlen(h->word) == 6 && !full_name(h) && !h->area;
}

/*
 * Whether a name may begin at byte pos of token t: the bitmap of names'
 * first two characters, over the token and, for a token of one
 * character, the next one's first (泰 + 顺县).
 */
static int
may_begin(json_t *tokens, size_t t, size_t pos)
{
	const char *s = json_string_value(json_array_get(tokens, t)), *next;
	char two[8];
	size_t n, k;
	uint32_t c;

	if (s == NULL)
		return 0;
	s += pos;
	n = strlen(s);
	if ((k = utf8_decode(s, n, &c)) == 0 || k > 4)
		return 0;
	if (k < n)
		return gaz_may_begin(s, n);
	next = json_string_value(json_array_get(tokens, t + 1));
	if (next == NULL || strlen(next) < 3)
		return 0;
	memcpy(two, s, k);
	memcpy(two + k, next, 3);
	return gaz_may_begin(two, k + 3);
}

/*
 * After a lone character a name may end inside the next word (沄 + 江边):
 * the rest of that word, buf[m, end), is no part of the name, but it
 * makes the name a road's (浈 + 阳 + 西路).  buf is overwritten.
 */
static int
road_inside(char *buf, size_t m, size_t end)
{
	memmove(buf, buf + m, end - m);
	buf[end - m] = '\0';
	return after_of(buf, NULL, 0, 1) == A_ROAD;
}

/*
 * One name at byte pos of token t, if any: its hit is added and classified
 * by what follows.  Returns where to go on: *t and *pos moved past the
 * name (into the same token when another name follows inside it, as in
 * 上海南京路), or 0 when no name starts there.
 */
static int
token_name(struct scan *sc, json_t *tokens, size_t *t, size_t *pos)
{
	char buf[MAXNAMEBYTES];
	size_t ends[WINDOW], nends, k, m, len = may_begin(tokens, *t, *pos) ?
	    window(tokens, *t, *pos, buf, ends, &nends) : 0;
	const char *tok = json_string_value(json_array_get(tokens, *t)), *next;
	struct hit *h;
	enum after a;

	if (len == 0 || (m = name_in_window(buf, len, ends, nends, &k)) == 0 ||
	    (h = add_hit(sc, buf, m)) == NULL)
		return 0;
	if (sc->n > 1 && (*pos > 0 || sc->after == *t))
		h->prev = sc->n - 1;
	if (k == 0 && m < ends[0]) {
		/* The name ends inside the word: 南京路, 北京大学, 上海南京路. */
		a = after_of(tok + *pos + m, NULL, 0, 1);
		role_after(h, a);
		if (a == A_NAME) {
			*pos += m;
			return 1;
		}
	} else if (m < ends[k] && road_inside(buf, m, ends[k])) {
		role_after(h, A_ROAD);
	} else {
		next = json_string_value(json_array_get(tokens, *t + k + 1));
		window(tokens, *t + k + 1, 0, buf, ends, &nends);
		role_after(h, after_of(buf, next ? next : "", 1, 0));
	}
	if (h->role == R_SCENE && *pos == 0 && given_name(tokens, *t, h)) {
		h->role = R_NONE;
		h->why = "a person's name";
	}
	if (h->role == R_SCENE && *pos == 0 && whereabouts_before(tokens, *t)) {
		h->role = R_SIDE;
		h->why = "whereabouts";
	}
	in_title(sc, h);
	*t += k + 1;
	*pos = 0;
	sc->after = *t;
	return 1;
}

static void scan_text(struct scan *sc, const char *text);

/*
 * yq-seg keeps a hashtag (#四川雅安地震#) as one token: its inside is
 * read as text.  Other tokens that are no words (@user names, links)
 * hold no place the post is about.
 */
static int
hashtag(struct scan *sc, const char *tok)
{
	size_t n = strlen(tok);
	char *in;

	if (n < 3 || tok[0] != '#' || tok[n - 1] != '#')
		return 0;
	in = xstrndup(tok + 1, n - 2);
	sc->after = (size_t)-1;
	scan_text(sc, in);
	sc->after = (size_t)-1;
	free(in);
	return 1;
}

/*
 * title_at over tokens: what comes before token t is its two tokens
 * before (标题 + 为).
 */
static int
title_token(json_t *tokens, size_t t, const char *tok)
{
	const char *p = t > 0 ? json_string_value(json_array_get(tokens, t - 1)) : NULL;
	const char *pp = t > 1 ? json_string_value(json_array_get(tokens, t - 2)) : NULL;
	char pre[2 * MAXNAMEBYTES];

	snprintf(pre, sizeof pre, "%s%s", pp ? pp : "", p ? p : "");
	return title_at(tok, pre, strlen(pre));
}

static void
scan_tokens(struct scan *sc, json_t *tokens)
{
	size_t t = 0, pos = 0, n = json_array_size(tokens);
	const char *tok;
	int r;

	while (t < n) {
		tok = json_string_value(json_array_get(tokens, t));
		/* 《, 》 and 。 all begin with byte 0xe3: one test first. */
		if (pos == 0 && tok != NULL && (unsigned char)tok[0] == 0xe3 &&
		    (r = title_token(tokens, t, tok)) >= 0)
			sc->title = r;
		/* A word after the country's name (中国台湾) begins after it. */
		if (pos == 0 && tok != NULL && strlen(tok) > 6 &&
		    (starts(tok, "中国") || starts(tok, "我国")))
			pos = 6;
		if (pos == 0 && tok != NULL && (tok[0] == '#' || tok[0] == '@')) {
			hashtag(sc, tok);
			t++;
		} else if (!token_name(sc, tokens, &t, &pos)) {
			t++;
			pos = 0;
		}
	}
}

/*
 * One name at text[i] (text n bytes long), found without tokens; its
 * length, or 0.
 */
static size_t
text_name(struct scan *sc, const char *text, size_t i, size_t n)
{
	size_t m = gaz_longest(text + i, n - i);
	struct hit *h;
	enum after a;
	char ch[4];

	if (m == 0 || (h = add_hit(sc, text + i, m)) == NULL)
		return 0;
	if (sc->n > 1 && sc->after == i)
		h->prev = sc->n - 1;
	sc->after = i + m;
	a = after_of(text + i + m, NULL, 0, 0);
	role_after(h, a);
	if (h->role == R_SCENE && i >= 3 && m == 6 && !full_name(h) && a == A_PLAIN) {
		memcpy(ch, text + i - 3, 3);
		ch[3] = '\0';
		if (strstr(surnames, ch) != NULL) {
			h->role = R_NONE;
			h->why = "a person's name";
		}
	}
	if (h->role == R_SCENE && ends_with(text, i, whereabouts)) {
		h->role = R_SIDE;
		h->why = "whereabouts";
	}
	in_title(sc, h);
	return m;
}

static void
scan_text(struct scan *sc, const char *text)
{
	size_t i = 0, n = strlen(text), k;
	uint32_t c;
	int r;

	while (i < n) {
		if ((unsigned char)text[i] == 0xe3 && (r = title_at(text + i, text, i)) >= 0)
			sc->title = r;
		if ((k = text_name(sc, text, i, n)) == 0)
			k = utf8_decode(text + i, n - i, &c);
		i += k ? k : 1;
	}
}

/* Whether the hit may be candidate k without help from other places. */
static int
strong(const struct hit *h, size_t k)
{
	return h->area || !(h->kinds[k] & GAZ_N_WEAK);
}

/*
 * The place a hit names when its name alone says: the office's own
 * (--places) when it has the name, its one strong reading, or among
 * several a province (海南 is the province before 海南藏族自治州); else
 * NULL, left to the other places.
 */
static const struct gaz_place *
alone(const struct hit *h)
{
	const struct gaz_place *one = NULL;
	size_t k, n = 0;

	/* A name the office's own area has is never read as elsewhere alone. */
	for (k = 0; k < h->nc; k++)
		if (h->c[k]->local)
			return strong(h, k) ? h->c[k] : NULL;
	for (k = 0; k < h->nc; k++)
		if (strong(h, k)) {
			one = h->c[k];
			n++;
		}
	for (k = 0; n > 1 && k < h->nc; k++)
		if (strong(h, k) && h->c[k]->level == GAZ_PROVINCE)
			return h->c[k];
	return n == 1 ? one : NULL;
}

/*
 * Whether q is a municipality or special region, a province that is its
 * own city (北京 is 怀柔's city as well as its province).
 */
static int
one_level(const struct gaz_place *q)
{
	static const char *const codes[] = { "11", "12", "31", "50", "81", "82", NULL };
	int i;

	for (i = 0; codes[i] != NULL; i++)
		if (strncmp(q->code, codes[i], 2) == 0)
			return 1;
	return 0;
}

/*
 * Whether place q, found in the post, makes reading k of a hit its
 * place: q is it, or q's area holds it.  An ordinary word (上街 "onto
 * the street", 新城) needs its city named: its province is not enough.
 */
static int
supports(const struct hit *h, size_t k, const struct gaz_place *q)
{
	if (q == h->c[k])
		return 1;
	if (!gaz_same_area(h->c[k], q))
		return 0;
	return !(h->kinds[k] & GAZ_N_ORDINARY) || h->area ||
	    q->level != GAZ_PROVINCE || one_level(q);
}

/*
 * Whether hit j may support reading k of h: any hit may, but an ordinary
 * word (上街 "onto the street" in 上街卖盗版CD, 新城) is the place only
 * with an area word after it or its province or city right before it
 * (郑州上街): its city named elsewhere in the post says nothing of it.
 * The office's own places (--places) are read as such anywhere, as in
 * alone(): in its city, 城东 is its district.
 */
static int
beside(const struct hit *h, size_t k, size_t j)
{
	return !(h->kinds[k] & GAZ_N_ORDINARY) || h->area || h->prev == j + 1 ||
	    h->c[k]->local;
}

/*
 * A reading of hit i that another hit's place is, or lies in the area
 * of: 白沙 after 白沙县 is that county, 朝阳 beside 北京 its district.
 */
static const struct gaz_place *
by_others(const struct scan *sc, size_t i)
{
	const struct hit *h = &sc->h[i];
	size_t j, k;

	for (k = 0; k < h->nc; k++)
		for (j = 0; j < sc->n; j++)
			if (j != i && sc->h[j].chosen != NULL && beside(h, k, j) &&
			    supports(h, k, sc->h[j].chosen))
				return h->c[k];
	return NULL;
}

/*
 * A division right after another lies inside it (许昌市东城区): a name
 * there whose places all lie elsewhere is no division we know (许昌's
 * 东城区 is a development area, not Beijing's district).
 */
static void
inside_prev(struct scan *sc, struct hit *h)
{
	const struct hit *before = h->prev ? &sc->h[h->prev - 1] : NULL;
	const struct gaz_place *up = before ? before->chosen : NULL;
	size_t k;

	/*
	 * Nothing of ours lies below a county: a name right after one (or
	 * after a name so dropped: the town's name goes on) is a town or
	 * village of it, unless it is a sibling county of the same city
	 * (芦山宝兴, a list).
	 */
	if (h->chosen != NULL && before != NULL && (before->why == why_town ||
	    (up != NULL && up->level == GAZ_COUNTY && !gaz_same_area(h->chosen, up)))) {
		h->chosen = NULL;
		h->role = R_NONE;
		h->why = why_town;
		return;
	}
	if (up == NULL || h->chosen == NULL || h->chosen->level <= up->level ||
	    gaz_same_area(h->chosen, up))
		return;
	for (k = 0; k < h->nc; k++)
		if (gaz_same_area(h->c[k], up)) {
			h->chosen = h->c[k];
			return;
		}
	/*
	 * A short form that stands alone goes on a list (天津武汉南昌); a
	 * full name (东城区) after a place is a part of it.
	 */
	for (k = 0; k < h->nc; k++)
		if (h->c[k] == h->chosen && (h->kinds[k] & GAZ_N_SHORT) &&
		    !(h->kinds[k] & GAZ_N_WEAK))
			return;
	h->chosen = NULL;
	h->role = R_NONE;
	h->why = why_notdiv;
}

/*
 * The names right before a product's origin are its origin too (福建 in
 * 福建安溪铁观音); a name right after one that is itself a product's
 * head is the product (龙井 in 西湖龙井).
 */
static void
product_origins(struct scan *sc)
{
	struct hit *h;
	size_t i;

	for (i = sc->n; i-- > 0;) {
		h = &sc->h[i];
		if (h->why == why_product && h->prev && sc->h[h->prev - 1].role == R_SCENE) {
			sc->h[h->prev - 1].role = R_SIDE;
			sc->h[h->prev - 1].why = why_product;
		}
	}
	for (i = 0; i < sc->n; i++) {
		h = &sc->h[i];
		if (h->prev && sc->h[h->prev - 1].why == why_product &&
		    ws_has(products, h->word)) {
			h->role = R_NONE;
			h->why = "a product";
		}
	}
}

/*
 * The names only one place has come first; then a shared or weak name
 * takes the reading the other places point to; then the reading it has
 * alone (alone()); then, once more, the other places, for the weak
 * names beside a place only found alone.
 */
static void
resolve(struct scan *sc)
{
	size_t i;
	int pass;

	for (i = 0; i < sc->n; i++)
		if (sc->h[i].role != R_NONE && sc->h[i].nc == 1 && strong(&sc->h[i], 0))
			sc->h[i].chosen = sc->h[i].c[0];
	for (pass = 0; pass < 4; pass++)
		for (i = 0; i < sc->n; i++)
			if (sc->h[i].role != R_NONE && sc->h[i].chosen == NULL)
				sc->h[i].chosen = pass == 2 ? alone(&sc->h[i]) :
				    by_others(sc, i);
	for (i = 0; i < sc->n; i++)
		inside_prev(sc, &sc->h[i]);
}

static void
say(json_t *explain, const struct hit *h)
{
	const struct gaz_place *p = h->chosen;
	char *s;

	if (h->role == R_NONE)
		s = xasprintf("not a place: %s (%s)", h->word, h->why);
	else if (p == NULL)
		s = xasprintf("not a place: %s (%s)", h->word, h->nc > 1 ?
		    "several places have the name" : "needs its province or city");
	else
		s = xasprintf("place %s: %s (%s%s%s)", p->former ? p->former : p->name,
		    h->word, rolename[h->role], h->why && h->role != R_BODY ? ", " : "",
		    h->why && h->role != R_BODY ? h->why : "");
	json_array_append_new(explain, json_string(s));
	free(s);
}

/* The strongest role code has among the hits: scene, then body, then side. */
static enum role
role_of(const struct scan *sc, const char *code)
{
	enum role r = R_NONE;
	size_t i;

	for (i = 0; i < sc->n; i++)
		if (sc->h[i].chosen != NULL && strcmp(sc->h[i].chosen->code, code) == 0 &&
		    sc->h[i].role != R_NONE && (r == R_NONE || sc->h[i].role < r))
			r = sc->h[i].role;
	return r;
}

json_t *
places_find(json_t *post, const char *text, json_t *explain)
{
	struct scan sc = { NULL, 0, 0, explain, (size_t)-1, 0 };
	json_t *tokens = json_object_get(post, "tokens"), *out = json_array(), *seen;
	const struct gaz_place *p;
	enum role r;
	size_t i;

	if (json_is_array(tokens) && json_array_size(tokens) > 0)
		scan_tokens(&sc, tokens);
	else
		scan_text(&sc, text);
	product_origins(&sc);
	resolve(&sc);
	seen = json_object();
	for (i = 0; i < sc.n; i++) {
		if (explain != NULL)
			say(explain, &sc.h[i]);
		if ((p = sc.h[i].chosen) == NULL || json_object_get(seen, p->code) != NULL)
			continue;
		json_object_set_new(seen, p->code, json_true());
		/* Side mentions stay out: they are no place the post is about. */
		if ((r = role_of(&sc, p->code)) == R_SIDE || r == R_NONE)
			continue;
		json_array_append_new(out, json_pack("{s:s, s:s, s:s, s:s}", "name",
		    p->former ? p->former : p->name, "code", p->code, "level",
		    gaz_level_name(p->level), "role", rolename[r]));
	}
	json_decref(seen);
	free(sc.h);
	return out;
}
