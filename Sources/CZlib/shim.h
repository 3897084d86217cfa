#include <zlib.h>

// inflateInit2 is a macro, invisible to Swift. Window bits 15 + 16: a gzip stream only.
static inline int czlib_inflate_init_gzip(z_streamp stream) {
  return inflateInit2(stream, 15 + 16);
}
