#ifndef KFP_RUNS_CNCURSESW_SHIM_H
#define KFP_RUNS_CNCURSESW_SHIM_H
// SwiftPM drops pkg-config's -D flags, so the wide-character API is switched on here.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <langinfo.h>
#include <locale.h>
#include <ncursesw/curses.h>
#include <wchar.h>

// Swift sees neither function-like macros nor (in Swift 6 mode) C globals, so each one the
// backend needs is wrapped here. The values always come from the header, never from us.

// Result codes.
static inline int kfp_ERR(void) { return ERR; }
static inline int kfp_OK(void) { return OK; }
static inline int kfp_KEY_CODE_YES(void) { return KEY_CODE_YES; }

// Attributes and colour pairs.
static inline attr_t kfp_A_NORMAL(void) { return A_NORMAL; }
static inline attr_t kfp_A_BOLD(void) { return A_BOLD; }
static inline attr_t kfp_A_DIM(void) { return A_DIM; }
static inline attr_t kfp_A_UNDERLINE(void) { return A_UNDERLINE; }
static inline attr_t kfp_A_REVERSE(void) { return A_REVERSE; }
static inline attr_t kfp_COLOR_PAIR(int pair) { return (attr_t)COLOR_PAIR(pair); }
static inline int kfp_COLOR_PAIRS(void) { return COLOR_PAIRS; }
static inline int kfp_COLORS(void) { return COLORS; }

// Keys delivered by get_wch with KEY_CODE_YES.
static inline int kfp_KEY_UP(void) { return KEY_UP; }
static inline int kfp_KEY_DOWN(void) { return KEY_DOWN; }
static inline int kfp_KEY_LEFT(void) { return KEY_LEFT; }
static inline int kfp_KEY_RIGHT(void) { return KEY_RIGHT; }
static inline int kfp_KEY_PPAGE(void) { return KEY_PPAGE; }
static inline int kfp_KEY_NPAGE(void) { return KEY_NPAGE; }
static inline int kfp_KEY_HOME(void) { return KEY_HOME; }
static inline int kfp_KEY_END(void) { return KEY_END; }
static inline int kfp_KEY_ENTER(void) { return KEY_ENTER; }
static inline int kfp_KEY_BACKSPACE(void) { return KEY_BACKSPACE; }
static inline int kfp_KEY_DC(void) { return KEY_DC; }
static inline int kfp_KEY_BTAB(void) { return KEY_BTAB; }
static inline int kfp_KEY_RESIZE(void) { return KEY_RESIZE; }
static inline int kfp_KEY_MOUSE(void) { return KEY_MOUSE; }
static inline int kfp_KEY_F(int n) { return KEY_F(n); }

// Mouse buttons (the wheel is buttons 4 and 5).
static inline mmask_t kfp_BUTTON1_PRESSED(void) { return BUTTON1_PRESSED; }
static inline mmask_t kfp_BUTTON1_RELEASED(void) { return BUTTON1_RELEASED; }
static inline mmask_t kfp_BUTTON1_CLICKED(void) { return BUTTON1_CLICKED; }
static inline mmask_t kfp_BUTTON4_PRESSED(void) { return BUTTON4_PRESSED; }
static inline mmask_t kfp_BUTTON5_PRESSED(void) { return BUTTON5_PRESSED; }
static inline mmask_t kfp_ALL_MOUSE_EVENTS(void) { return ALL_MOUSE_EVENTS; }
static inline mmask_t kfp_REPORT_MOUSE_POSITION(void) { return REPORT_MOUSE_POSITION; }

// Windows and sizes.
static inline WINDOW *kfp_stdscr(void) { return stdscr; }
static inline void kfp_getmaxyx(WINDOW *window, int *y, int *x) {
  int rows, columns;
  getmaxyx(window, rows, columns);
  *y = rows;
  *x = columns;
}

// The most scalars one cell may hold (a spacing character plus combining marks).
static inline int kfp_CCHARW_MAX(void) { return CCHARW_MAX; }

// The cells the C library (and so curses) gives a character; -1 when it is not printable
// in this locale. Declared here too: glibc hides it unless _XOPEN_SOURCE was set first.
extern int wcwidth(wchar_t character);
static inline int kfp_wcwidth(wchar_t character) { return wcwidth(character); }

// The locale's character set name, e.g. "UTF-8" or "ANSI_X3.4-1968".
static inline const char *kfp_codeset(void) { return nl_langinfo(CODESET); }

// Whether a terminfo string capability (e.g. "cup") is present for the current terminal.
static inline int kfp_has_string_capability(const char *name) {
  char *value = tigetstr(name);
  return value != NULL && value != (char *)-1 && value[0] != '\0';
}

#endif
