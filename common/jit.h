/*
 * jit.h: PCRE2's JIT compiler, unless $YQ_NO_JIT is set.  JIT code reads
 * the subject 16 bytes at a time, past its end within the page, which
 * valgrind reports though it is harmless; the valgrind pass sets
 * YQ_NO_JIT so that every other report is a real one.  Include after
 * pcre2.h.
 */
#ifndef YQ_JIT_H
#define YQ_JIT_H
#include <stdlib.h>

static inline void
yq_jit(pcre2_code *re)
{
	if (re != NULL && getenv("YQ_NO_JIT") == NULL)
		pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
}
#endif
