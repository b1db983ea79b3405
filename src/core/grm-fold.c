/* grm-fold.c: the canonical form of German text for the search index.
 *
 * One pass over the bytes with a fast path for ASCII, because the indexer
 * folds every page of every document (hundreds of megabytes) through here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-fold"

#include <string.h>

#include "grm-fold.h"

enum
{
  LAST_SPACE,     /* nothing yet, or a separator */
  LAST_LETTER,
  LAST_VOWEL,     /* a, o or u: a following 'e' is a transcribed umlaut */
};

/* Bytes are written straight into the reserved end of @out (and of @map),
 * so that the common case, an ASCII letter, costs a store and an add. */
typedef struct
{
  GString    *out;
  GArray     *map;
  gsize       out_base;   /* out->len and map->len when the call began */
  gsize       map_base;
  int         last;
} Folder;

static void
grow (Folder *f,
      gsize   extra)
{
  gsize len = f->out->len;

  if (len + extra >= f->out->allocated_len)
    {
      g_string_set_size (f->out, len + extra + len / 2);
      f->out->len = len;
    }
  if (f->map && f->map_base + (len - f->out_base) + extra > f->map->len)
    g_array_set_size (f->map, f->map_base + (len - f->out_base) + extra + len / 2);
}

/* Makes room for @extra more bytes: called once for the whole input (ASCII
 * never grows), and before each non-ASCII character, which can. */
static inline void
reserve (Folder *f,
         gsize   extra)
{
  if (G_UNLIKELY (f->out->len + extra >= f->out->allocated_len
                  || (f->map && f->map_base + (f->out->len - f->out_base) + extra > f->map->len)))
    grow (f, extra);
}

static inline void
emit (Folder *f,
      char    c,
      guint32 from)
{
  if (f->map)
    ((guint32 *) (void *) f->map->data)[f->map_base + (f->out->len - f->out_base)] = from;
  f->out->str[f->out->len++] = c;
}

static inline void
emit_space (Folder *f,
            guint32 from)
{
  if (f->last != LAST_SPACE)
    emit (f, ' ', from);
  f->last = LAST_SPACE;
}

/* A lower-case ASCII letter, with ae/oe/ue → a/o/u. */
static inline void
emit_letter (Folder *f,
             char    c,
             guint32 from)
{
  if (c == 'e' && f->last == LAST_VOWEL)
    {
      /* The 'e' of a transcription is dropped; the next 'e' is kept. */
      f->last = LAST_LETTER;
      return;
    }
  emit (f, c, from);
  f->last = (c == 'a' || c == 'o' || c == 'u') ? LAST_VOWEL : LAST_LETTER;
}

static inline char
lower (guchar c)
{
  return (c >= 'A' && c <= 'Z') ? (char) (c | 0x20) : (char) c;
}

static const guint8 ascii_alnum[256] = {
  ['0' ... '9'] = 1, ['A' ... 'Z'] = 1, ['a' ... 'z'] = 1,
};

static inline gboolean
is_ascii_alnum (guchar c)
{
  return ascii_alnum[c];
}

static gboolean
is_letter_before (const char *text,
                  gsize       i)
{
  const char *prev;

  if (i == 0)
    return FALSE;
  if ((guchar) text[i - 1] < 0x80)
    return is_ascii_alnum (text[i - 1]);
  prev = g_utf8_find_prev_char (text, text + i);
  return prev && g_unichar_isalnum (g_utf8_get_char (prev));
}

static gboolean
is_letter_at (const char *text,
              gsize       i,
              gsize       len)
{
  gunichar c;

  if (i >= len)
    return FALSE;
  if ((guchar) text[i] < 0x80)
    return is_ascii_alnum (text[i]);
  c = g_utf8_get_char_validated (text + i, len - i);
  return c < 0x110000 && g_unichar_isalnum (c);
}

/* If a Drucksachen number starts at @i, returns its end, else 0. */
static gsize
reference_end (const char *text,
               gsize       i,
               gsize       len,
               gsize      *run_end)
{
  gboolean slash = FALSE, digit = FALSE;
  gsize j = i;

  while (j < len)
    {
      guchar c = text[j];

      if (is_ascii_alnum (c))
        digit |= (c >= '0' && c <= '9');
      else if ((c == '/' || c == '-') && j > i && j + 1 < len
               && is_ascii_alnum (text[j + 1]))
        slash |= (c == '/');
      else
        break;
      j++;
    }
  *run_end = j;
  if (!slash || !digit || is_letter_before (text, i) || is_letter_at (text, j, len))
    return 0;
  return j;
}

/* A hyphen at the end of a line between two lower-case letters is a word
 * break ("Radwege-\nplanung"): returns where the word continues, or 0. */
static gsize
hyphen_join (const char *text,
             gsize       i,
             gsize       len)
{
  gsize j = i + 1;
  gboolean newline = FALSE;
  guchar c;

  if (!is_letter_before (text, i))
    return 0;
  while (j < len && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r' || text[j] == '\n'))
    newline |= text[j++] == '\n';
  if (!newline || j >= len)
    return 0;
  c = text[j];
  if (c >= 'a' && c <= 'z')
    return j;
  /* ä ö ü ß in UTF-8 */
  if (c == 0xC3 && j + 1 < len)
    {
      guchar d = text[j + 1];
      if (d == 0xA4 || d == 0xB6 || d == 0xBC || d == 0x9F)
        return j;
    }
  return 0;
}

static void
fold_unichar (Folder  *f,
              gunichar c,
              guint32  from)
{
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n;

  switch (c)
    {
    case 0x00DF: case 0x1E9E:     /* ß ẞ */
      emit (f, 's', from);
      emit (f, 's', from);
      f->last = LAST_LETTER;
      return;
    case 0x00E4: case 0x00C4:     /* ä Ä */
      emit (f, 'a', from);
      f->last = LAST_VOWEL;
      return;
    case 0x00F6: case 0x00D6:     /* ö Ö */
      emit (f, 'o', from);
      f->last = LAST_VOWEL;
      return;
    case 0x00FC: case 0x00DC:     /* ü Ü */
      emit (f, 'u', from);
      f->last = LAST_VOWEL;
      return;
    case 0x00AD:                  /* soft hyphen: part of the word */
    case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
      return;
    default:
      break;
    }

  if (g_unichar_ismark (c))
    return;
  if (!g_unichar_isalnum (c))
    {
      emit_space (f, from);
      return;
    }

  n = g_unichar_fully_decompose (c, TRUE, decomposed, G_N_ELEMENTS (decomposed));
  for (gsize k = 0; k < n; k++)
    {
      gunichar d = decomposed[k];

      if (g_unichar_ismark (d))
        continue;
      d = g_unichar_tolower (d);
      if (d < 0x80)
        {
          if (d >= 'a' && d <= 'z')
            emit_letter (f, (char) d, from);
          else if (d >= '0' && d <= '9')
            {
              emit (f, (char) d, from);
              f->last = LAST_LETTER;
            }
          else
            emit_space (f, from);
        }
      else if (g_unichar_isalnum (d))
        {
          char buf[6];
          int w = g_unichar_to_utf8 (d, buf);

          for (int b = 0; b < w; b++)
            emit (f, buf[b], from);
          f->last = LAST_LETTER;
        }
      else
        emit_space (f, from);
    }
}

/* The rest of an ASCII word from @i: the hot loop of the indexer, with the
 * output pointers in locals, because a char store may alias anything the
 * compiler would otherwise have to reload. Returns where the word ends. */
static inline gsize
fold_word (Folder     *f,
           const char *text,
           gsize       i,
           gsize       n)
{
  char *d = f->out->str + f->out->len;
  guint32 *m = f->map ? (guint32 *) (void *) f->map->data + f->map_base + (f->out->len - f->out_base) : NULL;
  int last = f->last;
  guchar c = text[i];

  do
    {
      /* For letters and digits alike, | 0x20 is the lower case. */
      char l = (char) (c | 0x20);

      if (l == 'e' && last == LAST_VOWEL)
        last = LAST_LETTER; /* the 'e' of a transcription is dropped */
      else
        {
          if (m)
            *m++ = (guint32) i;
          *d++ = l;
          last = (l == 'a' || l == 'o' || l == 'u') ? LAST_VOWEL : LAST_LETTER;
        }
      i++;
    }
  while (i < n && ascii_alnum[c = text[i]]);

  f->out->len = d - f->out->str;
  f->last = last;
  return i;
}

/* The character at @i, which is not ASCII: two-byte sequences (Latin-1,
 * the umlauts) decoded here, longer ones by GLib. Sets @next. */
static inline gunichar
decode (const char *text,
        gsize       i,
        gsize       n,
        gsize      *next)
{
  guchar c = text[i];
  gunichar u;

  if (c >= 0xC2 && c <= 0xDF && i + 1 < n && ((guchar) text[i + 1] & 0xC0) == 0x80)
    {
      *next = i + 2;
      return ((gunichar) (c & 0x1F) << 6) | ((guchar) text[i + 1] & 0x3F);
    }
  u = g_utf8_get_char_validated (text + i, n - i);
  if (u < 0x110000)
    *next = g_utf8_next_char (text + i) - text;
  return u;
}

void
grm_fold_append (GString    *out,
                 const char *text,
                 gssize      len,
                 GArray     *map)
{
  Folder f = { out, map, 0, 0, LAST_SPACE };
  gsize n, i = 0, run_end = 0;

  g_return_if_fail (out != NULL);

  if (text == NULL)
    return;
  n = len < 0 ? strlen (text) : (gsize) len;
  if (map)
    g_assert (g_array_get_element_size (map) == sizeof (guint32));
  f.out_base = out->len;
  f.map_base = map ? map->len : 0;
  reserve (&f, n + 1);

  while (i < n)
    {
      guchar c = text[i];

      if (c < 0x80)
        {
          if (is_ascii_alnum (c))
            {
              gsize start = i, start_len = out->len;
              int start_last = f.last;

              i = fold_word (&f, text, i, n);
              /* Only a word followed by '/' or '-' and more can begin a
               * Drucksachen number: then the word is folded again. */
              if (start >= run_end)
                {
                  run_end = i;
                  if (i + 1 < n && (text[i] == '/' || text[i] == '-')
                      && is_ascii_alnum (text[i + 1]))
                    {
                      gsize end = reference_end (text, start, n, &run_end);

                      if (end)
                        {
                          out->len = start_len;
                          f.last = start_last;
                          for (i = start; i < end; i++)
                            {
                              char r = text[i];
                              emit (&f, r == '/' || r == '-' ? '_' : lower (r), i);
                            }
                          f.last = LAST_LETTER;
                        }
                    }
                }
            }
          else if (c == '-')
            {
              gsize next = hyphen_join (text, i, n);

              if (next)
                i = next;
              else
                {
                  emit_space (&f, i);
                  i++;
                }
            }
          else
            {
              emit_space (&f, i);
              i++;
            }
        }
      else
        {
          gsize next = i + 1;
          gunichar u = decode (text, i, n, &next);

          if (u >= 0x110000)
            {
              /* Not UTF-8: a separator, one byte at a time. */
              emit_space (&f, i);
              i++;
              continue;
            }
          /* A decomposition can be longer than the character. */
          reserve (&f, (n - i) + 4 * G_UNICHAR_MAX_DECOMPOSITION_LENGTH + 8);
          fold_unichar (&f, u, i);
          i = next;
        }
    }

  out->str[out->len] = '\0';
  if (map)
    g_array_set_size (map, f.map_base + (out->len - f.out_base));
}

char *
grm_fold (const char *text,
          gssize      len)
{
  GString *out = g_string_sized_new (len > 0 ? (gsize) len : 64);

  grm_fold_append (out, text, len, NULL);
  return g_string_free (out, FALSE);
}
