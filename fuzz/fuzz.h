/*
 * fuzz.h: what the libFuzzer harnesses share: the fuzzer's bytes as a
 * file (memfd) for the readers that take a path, or as a string.
 */
#ifndef YQ_FUZZ_H
#define YQ_FUZZ_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The bytes as a file: its path in buf; the descriptor, to close after. */
static inline int
fuzz_file(const uint8_t *data, size_t size, char *buf, size_t bufsz)
{
	int fd = memfd_create("fuzz", 0);

	if (fd < 0)
		abort();
	if (size > 0 && write(fd, data, size) != (ssize_t)size)
		abort();
	snprintf(buf, bufsz, "/proc/self/fd/%d", fd);
	return fd;
}

/* The bytes as a NUL-terminated string (fresh). */
static inline char *
fuzz_str(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}
#endif
