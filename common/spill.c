/*
 * spill.c: texts put aside in two unlinked temporary files that take
 * turns (see spill.h), written through a buffer of SPILL_BUF bytes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "spill.h"
#include "yq.h"

#define SPILL_BUF (256 << 10)

struct spill {
	char *tool, *dir;
	int fd[2];		/* -1: not made */
	off_t end[2];		/* bytes put in each, buffered ones too */
	size_t live[2];		/* texts still wanted */
	int cur;		/* the file written to */
	char *buf;		/* its last nbuf bytes, not yet written */
	size_t nbuf;
	int tried, failed;
	off_t turn;
	char msg[256];
};

struct spill *
spill_new(const char *tool, off_t turn)
{
	struct spill *s = xcalloc(1, sizeof *s);

	s->tool = xstrdup(tool);
	s->fd[0] = s->fd[1] = -1;
	s->turn = turn > 0 ? turn : SPILL_TURN;
	return s;
}

void
spill_free(struct spill *s)
{
	int i;

	if (s == NULL)
		return;
	for (i = 0; i < 2; i++)
		if (s->fd[i] >= 0)
			close(s->fd[i]);
	free(s->buf);
	free(s->tool);
	free(s->dir);
	free(s);
}

static int
make(struct spill *s, int i)
{
	char *path = xasprintf("%s/%s.XXXXXX", s->dir, s->tool);

	if ((s->fd[i] = mkstemp(path)) >= 0)
		unlink(path);
	free(path);
	return s->fd[i];
}

static const char *
failure(struct spill *s, const char *what, int e)
{
	snprintf(s->msg, sizeof s->msg, "cannot %s a temporary file in %s: %s",
	    what, s->dir, e ? strerror(e) : "cut short");
	return s->msg;
}

/* len bytes at offset at of the current file.  0, or -1 and *err. */
static int
write_at(struct spill *s, const char *text, size_t len, off_t at, const char **err)
{
	size_t done = 0;
	ssize_t n;

	while (done < len) {
		n = pwrite(s->fd[s->cur], text + done, len - done, at + (off_t)done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			*err = failure(s, "write", n < 0 ? errno : ENOSPC);
			return -1;
		}
		done += (size_t)n;
	}
	return 0;
}

/* The buffered bytes out, at the end of the current file. */
static int
flush(struct spill *s, const char **err)
{
	if (s->nbuf > 0 && write_at(s, s->buf, s->nbuf,
	    s->end[s->cur] - (off_t)s->nbuf, err) < 0)
		return -1;
	s->nbuf = 0;
	return 0;
}

/* File i holds nothing wanted: its room goes. */
static void
empty(struct spill *s, int i)
{
	if (s->fd[i] >= 0 && s->end[i] > 0 && ftruncate(s->fd[i], 0) == 0)
		s->end[i] = 0;
}

int
spill_put(struct spill *s, const char *text, size_t len, struct spill_ref *ref,
    const char **err)
{
	const char *dir = getenv("TMPDIR");
	int o = 1 - s->cur;

	if (!s->tried) {
		s->tried = 1;
		s->dir = xstrdup(dir && *dir ? dir : "/tmp");
		if (make(s, 0) < 0)
			s->failed = 1;
		else
			s->buf = xmalloc(SPILL_BUF);
	}
	if (s->failed || len > UINT32_MAX)
		return 1;
	/* Past its turn, the file written to gives way to the other once
	 * nothing in that one is wanted. */
	if (s->end[s->cur] >= s->turn && s->live[o] == 0 &&
	    (s->fd[o] >= 0 || make(s, o) >= 0)) {
		if (flush(s, err) < 0)
			return -1;
		empty(s, o);
		s->cur = o;
	}
	if (s->nbuf + len > SPILL_BUF && flush(s, err) < 0)
		return -1;
	if (len > SPILL_BUF) {
		/* Longer than the buffer: straight out. */
		if (write_at(s, text, len, s->end[s->cur], err) < 0)
			return -1;
	} else {
		memcpy(s->buf + s->nbuf, text, len);
		s->nbuf += len;
	}
	ref->off = s->end[s->cur];
	ref->len = (uint32_t)len;
	ref->file = (uint32_t)s->cur;
	s->end[s->cur] += (off_t)len;
	s->live[s->cur]++;
	return 0;
}

void
spill_drop(struct spill *s, const struct spill_ref *ref)
{
	int i = (int)ref->file;

	if (s->live[i] > 0 && --s->live[i] == 0 && i != s->cur)
		empty(s, i);
}

char *
spill_get(struct spill *s, const struct spill_ref *ref, int drop,
    const char **err)
{
	char *buf = xmalloc((size_t)ref->len + 1);
	off_t unwritten = s->end[s->cur] - (off_t)s->nbuf;
	size_t got = 0;
	ssize_t n;

	if ((int)ref->file == s->cur && ref->off >= unwritten) {
		/* Still in the buffer. */
		memcpy(buf, s->buf + (ref->off - unwritten), ref->len);
		got = ref->len;
	}
	while (got < ref->len) {
		n = pread(s->fd[ref->file], buf + got, ref->len - got,
		    ref->off + (off_t)got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			*err = failure(s, "read", n < 0 ? errno : 0);
			free(buf);
			return NULL;
		}
		got += (size_t)n;
	}
	buf[got] = '\0';
	if (drop)
		spill_drop(s, ref);
	return buf;
}

off_t
spill_size(const struct spill *s)
{
	return s->end[0] + s->end[1];
}
