/*
 * figures.c: the casualty and loss figures an emergency's posts report
 * ("造成3人死亡", "死亡人数升至十二人", "3死21伤5失联", "直接经济损失约
 * 5000万元"), in Arabic, full-width or Chinese numerals.  The highest
 * figure reported wins: counts only grow as rescue goes on.  Sentences
 * that report a rumour or deny a figure (网传, 谣言, 不实, 未经证实) are
 * not read, and neither are ranges of the law ("10人以上30人以下").
 */
#include <stdlib.h>
#include <string.h>

#include "deadline.h"
#include "jit.h"
#include "utf8.h"
#include "yq.h"

#define NUM "(?<![几数好多余])([0-9０-９]+(?:\\.[0-9]+)?|[零〇一二两三四五六七八九十百千]+)"
#define NOTLAW "(?!以上|以下|左右)"
/* "10余人", "5000多万元": more than the number, counted as the number. */
#define MORE "(?:余|多)?"

enum { F_DEATHS, F_INJURIES, F_LOSS, F_MISSING };

static const struct {
	int what;
	const char *pat;
} pats[] = {
	{ F_DEATHS, NUM MORE "\\s*(?:名|人|位)" NOTLAW "[^，。；、,;！？0-9]{0,4}?(?:死亡|遇难|罹难|身亡|丧生)" },
	{ F_DEATHS, "(?<![人名])(?:死亡|遇难|罹难|身亡)(?:者|人数|人员)?[^，。；、,;！？0-9]{0,4}?" NUM "\\s*(?:名|人)" NOTLAW },
	{ F_DEATHS, NUM "死(?!亡)" },
	{ F_MISSING, NUM MORE "\\s*(?:名|人)" NOTLAW "[^，。；、,;！？0-9]{0,4}?(?:失联|失踪)" },
	{ F_MISSING, "(?<![人名])(?:失联|失踪)(?:者|人数|人员)?[^，。；、,;！？0-9]{0,4}?" NUM "\\s*(?:名|人)" NOTLAW },
	{ F_MISSING, NUM "失联" },
	{ F_INJURIES, NUM MORE "\\s*(?:名|人)" NOTLAW "[^，。；、,;！？0-9]{0,4}?(?:受伤|重伤|负伤)" },
	{ F_INJURIES, "(?<![人名])(?:受伤|重伤|负伤)(?:者|人数|人员)?[^，。；、,;！？0-9]{0,4}?" NUM "\\s*(?:名|人)" NOTLAW },
	{ F_INJURIES, NUM "伤(?![心害])" },
	{ F_LOSS, "经济损失[^，。；、,;！？0-9]{0,6}?" NUM MORE "\\s*(亿|万)?" MORE "元" },
};
#define NPATS (sizeof pats / sizeof pats[0])

static pcre2_code *re[NPATS], *skip_re;
static pcre2_match_data *md;

int
figures_init(void)
{
	size_t i;
	int ec;
	PCRE2_SIZE off;

	for (i = 0; i < NPATS; i++) {
		re[i] = pcre2_compile((PCRE2_SPTR)pats[i].pat,
		    PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP, &ec, &off, NULL);
		if (re[i] == NULL)
			return -1;
		yq_jit(re[i]);
	}
	skip_re = pcre2_compile((PCRE2_SPTR)"网传|谣言|不实|未经证实|传言|据传|假消息",
	    PCRE2_ZERO_TERMINATED, PCRE2_UTF, &ec, &off, NULL);
	md = pcre2_match_data_create(8, NULL);
	return skip_re ? 0 : -1;
}

void
figures_free_re(void)
{
	size_t i;

	for (i = 0; i < NPATS; i++)
		pcre2_code_free(re[i]);
	pcre2_code_free(skip_re);
	pcre2_match_data_free(md);
}

static int
cn_digit(uint32_t c)
{
	static const char *const d = "零一二三四五六七八九";
	size_t i, n;
	uint32_t x;

	if (c == 0x3007)	/* 〇 */
		return 0;
	if (c == 0x4e24)	/* 两 */
		return 2;
	for (i = 0; d[i]; i += n) {
		n = utf8_decode(d + i, strlen(d + i), &x);
		if (x == c)
			return (int)(i / 3);
	}
	return -1;
}

double
cn_number(const char *s, size_t n)
{
	double total = 0, section = 0, digit = 0, frac = 0, scale = 0.1;
	int any = 0, arabic = 0, dot = 0, d;
	uint32_t c;
	size_t i, k;

	for (i = 0; i < n; i += k) {
		if ((k = utf8_decode(s + i, n - i, &c)) == 0)
			break;
		if (c >= 0xff10 && c <= 0xff19)	/* full-width digit */
			c -= 0xff10 - '0';
		if (c >= '0' && c <= '9') {
			if (dot) {
				frac += (c - '0') * scale;
				scale /= 10;
			} else
				digit = digit * 10 + (c - '0');
			arabic = any = 1;
		} else if (c == '.' && arabic)
			dot = 1;
		else if ((d = cn_digit(c)) >= 0) {
			digit = d;
			any = 1;
		} else if (c == 0x5341 || c == 0x767e || c == 0x5343) {
			/* 十 百 千; a bare 十 is ten */
			section += (digit || c != 0x5341 ? digit : 1) *
			    (c == 0x5341 ? 10 : c == 0x767e ? 100 : 1000);
			digit = 0;
			any = 1;
		} else if (c == 0x4e07) {	/* 万 */
			total += (section + digit + frac) * 1e4;
			section = digit = frac = 0;
		} else if (c == 0x4ebf) {	/* 亿 */
			total = (total + section + digit + frac) * 1e8;
			section = digit = frac = 0;
		} else
			break;
	}
	return any ? total + section + digit + frac : -1;
}

static void
raise(struct figures *f, int what, double v, const char *id, const char *s,
    size_t n)
{
	if (what == F_MISSING)
		return;
	if (v > (&f->deaths)[what]) {
		(&f->deaths)[what] = v;
		free(f->src[what]);
		free(f->quote[what]);
		f->src[what] = id ? xstrdup(id) : NULL;
		f->quote[what] = xstrndup(s, n);
	}
}

/* Whether s[0..n) has a word any figure pattern needs: most do not. */
static int
may_have_figures(const char *s, size_t n)
{
	static const char *const words[] = {
		"死", "伤", "失联", "失踪", "遇难", "罹难", "丧生", "殒命", "损失", NULL
	};
	int i;

	for (i = 0; words[i]; i++)
		if (memmem(s, n, words[i], strlen(words[i])) != NULL)
			return 1;
	return 0;
}

/* The figures of one sentence; deaths count the missing with them. */
static void
sentence(struct figures *f, const char *s, size_t n, const char *id,
    double *dead, double *missing, const char **qs, size_t *qn)
{
	PCRE2_SIZE *ov;
	size_t i, start;
	double v;
	int rc;

	if (!may_have_figures(s, n) ||
	    pcre2_match(skip_re, (PCRE2_SPTR)s, n, 0, 0, md, NULL) >= 0)
		return;
	for (i = 0; i < NPATS; i++) {
		for (start = 0; start < n; start = ov[1]) {
			rc = pcre2_match(re[i], (PCRE2_SPTR)s, n, start, 0, md, NULL);
			if (rc < 2)
				break;
			ov = pcre2_get_ovector_pointer(md);
			v = cn_number(s + ov[2], ov[3] - ov[2]);
			if (pats[i].what == F_LOSS && rc > 2 && ov[4] != PCRE2_UNSET)
				v *= s[ov[4] + 1] == '\xba' ? 1e8 : 1e4; /* 亿 E4 BA BF */
			if (v < 0)
				continue;
			if (pats[i].what == F_DEATHS && v > *dead) {
				*dead = v;
				*qs = s;
				*qn = n;
			} else if (pats[i].what == F_MISSING && v > *missing)
				*missing = v;
			else
				raise(f, pats[i].what, v, id, s + ov[0], ov[1] - ov[0]);
		}
	}
}

void
figures_scan(struct figures *f, const char *text, const char *id)
{
	const char *p = text, *end, *qs = NULL;
	double dead = 0, missing = 0;
	size_t qn = 0;

	if (text == NULL || !may_have_figures(text, strlen(text)))
		return;
	for (; *p; p = *end ? end + 1 : end) {
		end = p + strcspn(p, "\n");
		/* Sentences end at 。！？ (3 bytes each) or a newline. */
		while (p < end) {
			const char *q = p, *stop = end;

			for (; q < end; q++)
				if ((unsigned char)q[0] == 0xe3 && q + 2 < end &&
				    (unsigned char)q[1] == 0x80 && (unsigned char)q[2] == 0x82) {
					stop = q + 3;
					break;
				} else if ((unsigned char)q[0] == 0xef && q + 2 < end &&
				    (unsigned char)q[1] == 0xbc &&
				    ((unsigned char)q[2] == 0x81 || (unsigned char)q[2] == 0x9f)) {
					stop = q + 3;
					break;
				}
			sentence(f, p, (size_t)(stop - p), id, &dead, &missing, &qs, &qn);
			p = stop;
		}
	}
	if (dead + missing > 0)
		raise(f, F_DEATHS, dead + missing, id, qs ? qs : text,
		    qs ? qn : strlen(text));
}

void
figures_clear(struct figures *f)
{
	int i;

	for (i = 0; i < 3; i++) {
		free(f->src[i]);
		free(f->quote[i]);
		f->src[i] = f->quote[i] = NULL;
	}
	f->deaths = f->injuries = f->loss = -1;
}
