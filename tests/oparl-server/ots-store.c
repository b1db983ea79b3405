/* ots-store.c: the objects of the served body, keyed by their id URL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Top-level objects keep their JSON text; embedded objects are index entries
 * that name their top-level parent and are cut out of the parent's JSON when
 * asked for. Changes made through the admin API replace entries in place (so
 * list order stays stable) and remember the original for /_admin/reset.
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-test-server"

#include "ots-private.h"

static void
entry_free (gpointer data)
{
  OtsEntry *entry = data;

  if (entry == NULL)
    return;
  g_free (entry->id);
  g_free (entry->json);
  g_free (entry);
}

OtsStore *
ots_store_new (void)
{
  OtsStore *store = g_new0 (OtsStore, 1);

  store->entries = g_ptr_array_new_with_free_func (entry_free);
  store->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  store->file_urls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  store->originals = g_hash_table_new_full (NULL, NULL, NULL, entry_free);
  for (guint i = 0; i < OTS_N_KINDS; i++)
    store->by_kind[i] = g_array_new (FALSE, FALSE, sizeof (guint));

  return store;
}

void
ots_store_free (OtsStore *store)
{
  if (store == NULL)
    return;
  g_clear_pointer (&store->cache_node, json_node_unref);
  g_hash_table_unref (store->originals);
  g_hash_table_unref (store->file_urls);
  g_hash_table_unref (store->by_id);
  g_ptr_array_unref (store->entries);
  for (guint i = 0; i < OTS_N_KINDS; i++)
    g_array_unref (store->by_kind[i]);
  g_free (store);
}

OtsEntry *
ots_store_get (OtsStore *store,
               guint     pos)
{
  return pos < store->entries->len ? g_ptr_array_index (store->entries, pos) : NULL;
}

gboolean
ots_store_lookup (OtsStore   *store,
                  const char *id,
                  guint      *pos)
{
  gpointer value = g_hash_table_lookup (store->by_id, id);

  if (value == NULL)
    return FALSE;
  *pos = GPOINTER_TO_UINT (value) - 1;
  return TRUE;
}

/* The kind of an embedded object by the member it sits in, for objects
 * without "type" (deleted stubs). */
static OtsKind
kind_from_member (const char *member)
{
  static const struct { const char *name; OtsKind kind; } map[] = {
    { "mainFile", OTS_KIND_FILE }, { "auxiliaryFile", OTS_KIND_FILE },
    { "invitation", OTS_KIND_FILE }, { "resultsProtocol", OTS_KIND_FILE },
    { "verbatimProtocol", OTS_KIND_FILE }, { "resolutionFile", OTS_KIND_FILE },
    { "derivativeFile", OTS_KIND_FILE }, { "masterFile", OTS_KIND_FILE },
    { "agendaItem", OTS_KIND_AGENDA_ITEM }, { "consultation", OTS_KIND_CONSULTATION },
    { "location", OTS_KIND_LOCATION }, { "membership", OTS_KIND_MEMBERSHIP },
    { "legislativeTerm", OTS_KIND_LEGISLATIVE_TERM },
  };

  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (g_str_equal (member, map[i].name))
      return map[i].kind;

  return OTS_KIND_UNKNOWN;
}

/* Reads what the store indexes from a scanned object; embedded objects
 * without dates take their top-level parent's. */
static void
entry_read_scan (OtsEntry      *entry,
                 OtsScanObject *obj,
                 gboolean       hidden,
                 OtsEntry      *parent)
{
  entry->created = ots_parse_date (obj->created);
  entry->modified = ots_parse_date (obj->modified);
  entry->deleted = obj->deleted;
  entry->hidden = hidden;
  if (hidden && parent != NULL)
    parent->has_hidden = TRUE;
  if (parent != NULL && entry->created == 0)
    entry->created = parent->created;
  if (parent != NULL && entry->modified == 0)
    entry->modified = parent->modified;
  if (entry->modified == 0)
    entry->modified = entry->created;
}

static void
register_file_urls (OtsStore      *store,
                    guint          pos,
                    OtsScanObject *obj)
{
  if (obj->access_url != NULL && *obj->access_url != '\0')
    g_hash_table_replace (store->file_urls, g_strdup (obj->access_url), GUINT_TO_POINTER (pos + 1));
  if (obj->download_url != NULL && *obj->download_url != '\0')
    g_hash_table_replace (store->file_urls, g_strdup (obj->download_url), GUINT_TO_POINTER (pos + 1));
}

static void
save_original (OtsStore *store,
               guint     pos)
{
  OtsEntry *entry;
  OtsEntry *copy;

  if (pos >= store->base_len || g_hash_table_contains (store->originals, GUINT_TO_POINTER (pos)))
    return;

  entry = ots_store_get (store, pos);
  copy = g_memdup2 (entry, sizeof *entry);
  copy->id = g_strdup (entry->id);
  copy->json = g_strdup (entry->json);
  g_hash_table_insert (store->originals, GUINT_TO_POINTER (pos), copy);
}

static guint
append_entry (OtsStore *store,
              OtsEntry *entry)
{
  guint pos = store->entries->len;

  g_ptr_array_add (store->entries, entry);
  g_hash_table_insert (store->by_id, entry->id, GUINT_TO_POINTER (pos + 1));
  if (entry->kind != OTS_KIND_UNKNOWN)
    g_array_append_val (store->by_kind[entry->kind], pos);

  return pos;
}

typedef struct {
  guint    depth;
  gboolean hidden;
} Level;

/* Indexes the embedded objects of the top-level entry at @top_pos, from the
 * scan of its JSON (objects[0] is the entry itself). An object is hidden
 * when it or any object around it says "public": false. */
static void
register_children (OtsStore *store,
                   guint     top_pos,
                   GArray   *objects)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Level));
  OtsEntry *top = ots_store_get (store, top_pos);
  Level level = { 0, top->hidden };

  g_array_append_val (stack, level);
  for (guint i = 1; i < objects->len; i++)
    {
      OtsScanObject *obj = &g_array_index (objects, OtsScanObject, i);
      OtsKind kind;
      guint pos;

      while (stack->len > 1 && g_array_index (stack, Level, stack->len - 1).depth >= obj->depth)
        g_array_set_size (stack, stack->len - 1);
      level.depth = obj->depth;
      level.hidden = !obj->is_public || g_array_index (stack, Level, stack->len - 1).hidden;
      g_array_append_val (stack, level);
      if (obj->id == NULL)
        continue;

      kind = ots_kind_from_type (obj->type);
      if (kind == OTS_KIND_UNKNOWN && obj->member != NULL)
        kind = kind_from_member (obj->member);

      if (ots_store_lookup (store, obj->id, &pos))
        {
          OtsEntry *entry = ots_store_get (store, pos);

          /* A child of a changed parent takes what the parent now says. */
          if (entry->parent != top_pos)
            continue;
          save_original (store, pos);
          entry_read_scan (entry, obj, level.hidden, top);
        }
      else
        {
          OtsEntry *entry = g_new0 (OtsEntry, 1);

          entry->id = g_strdup (obj->id);
          entry->parent = top_pos;
          entry->kind = kind;
          entry->version = 1;
          entry_read_scan (entry, obj, level.hidden, top);
          pos = append_entry (store, entry);
        }

      if (kind == OTS_KIND_FILE)
        register_file_urls (store, pos, obj);
    }
}

/* Adds a top-level object during loading; @json becomes the store's. A
 * second object with the same id is dropped (lists may overlap). */
guint
ots_store_add_object (OtsStore *store,
                      OtsKind   list_kind,
                      char     *json,
                      GError  **error)
{
  g_autoptr(GArray) objects = ots_scan (json, -1, error);
  OtsScanObject *obj;
  OtsEntry *entry;
  OtsKind kind;
  guint pos;

  if (objects == NULL)
    {
      g_free (json);
      return OTS_NO_PARENT;
    }
  obj = &g_array_index (objects, OtsScanObject, 0);
  if (obj->id == NULL || ots_store_lookup (store, obj->id, &pos))
    {
      g_free (json);
      return obj->id == NULL ? OTS_NO_PARENT : pos;
    }

  kind = ots_kind_from_type (obj->type);
  entry = g_new0 (OtsEntry, 1);
  entry->id = g_strdup (obj->id);
  entry->json = json;
  entry->parent = OTS_NO_PARENT;
  entry->kind = kind != OTS_KIND_UNKNOWN ? kind : list_kind;
  entry->version = 1;
  entry_read_scan (entry, obj, !obj->is_public, NULL);
  pos = append_entry (store, entry);
  if (entry->kind == OTS_KIND_FILE)
    register_file_urls (store, pos, obj);
  register_children (store, pos, objects);

  return pos;
}

void
ots_store_mark_loaded (OtsStore *store)
{
  store->base_len = store->entries->len;
  for (guint i = 0; i < OTS_N_KINDS; i++)
    store->base_kind_len[i] = store->by_kind[i]->len;
  store->changed = FALSE;
}

/* Adds or replaces an object given by the admin or write API. The object
 * becomes a top-level entry; its position (and so its place in lists) is
 * kept. @node must be an object with an "id". */
guint
ots_store_put (OtsStore *store,
               JsonNode *node,
               OtsKind   kind)
{
  char *json = ots_json_to_string (node);
  g_autoptr(GArray) objects = ots_scan (json, -1, NULL);
  OtsScanObject *obj = &g_array_index (objects, OtsScanObject, 0);
  OtsEntry *entry = g_new0 (OtsEntry, 1);
  guint pos;

  entry->id = g_strdup (obj->id);
  entry->json = json;
  entry->parent = OTS_NO_PARENT;
  entry->kind = kind;
  entry->version = 1;
  entry_read_scan (entry, obj, !obj->is_public, NULL);

  if (ots_store_lookup (store, entry->id, &pos))
    {
      OtsEntry *old = ots_store_get (store, pos);

      save_original (store, pos);
      if (kind != OTS_KIND_UNKNOWN && kind != old->kind)
        g_warning ("Object %s changes its type; it stays in its old list", entry->id);
      entry->kind = old->kind;
      entry->version = old->version + 1;
      g_ptr_array_index (store->entries, pos) = entry;
      g_hash_table_replace (store->by_id, entry->id, GUINT_TO_POINTER (pos + 1));
      entry_free (old);
    }
  else
    pos = append_entry (store, entry);

  if (entry->kind == OTS_KIND_FILE)
    register_file_urls (store, pos, obj);
  register_children (store, pos, objects);
  store->changed = TRUE;
  store->generation++;

  return pos;
}

static gboolean
remove_added_url (gpointer key,
                  gpointer value,
                  gpointer user_data)
{
  OtsStore *store = user_data;

  return GPOINTER_TO_UINT (value) - 1 >= store->base_len;
}

/* Undoes every admin change: originals go back in place, added entries go. */
void
ots_store_reset (OtsStore *store)
{
  GHashTableIter iter;
  gpointer key, value;

  for (guint pos = store->base_len; pos < store->entries->len; pos++)
    g_hash_table_remove (store->by_id, ((OtsEntry *) ots_store_get (store, pos))->id);
  g_ptr_array_set_size (store->entries, store->base_len);
  for (guint i = 0; i < OTS_N_KINDS; i++)
    g_array_set_size (store->by_kind[i], store->base_kind_len[i]);
  g_hash_table_foreach_remove (store->file_urls, remove_added_url, store);

  g_hash_table_iter_init (&iter, store->originals);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint pos = GPOINTER_TO_UINT (key);
      OtsEntry *original = value;

      g_hash_table_iter_steal (&iter);
      entry_free (g_ptr_array_index (store->entries, pos));
      g_ptr_array_index (store->entries, pos) = original;
      g_hash_table_replace (store->by_id, original->id, GUINT_TO_POINTER (pos + 1));
    }
  store->changed = FALSE;
  store->generation++;
}

/* The "modified" stamp for a change now: never equal to or before the
 * previous one of the same object, so modified_since always sees it. */
char *
ots_store_next_modified (OtsStore   *store,
                         const char *id)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint pos;

  if (ots_store_lookup (store, id, &pos))
    now = MAX (now, ots_store_get (store, pos)->modified + 1);

  return ots_format_date (now);
}

/* A mutable copy of the object at @pos, or NULL when an embedded object no
 * longer appears in its (changed) parent. */
JsonNode *
ots_store_dup_node (OtsStore *store,
                    guint     pos)
{
  OtsEntry *entry = ots_store_get (store, pos);
  g_autoptr(GError) error = NULL;
  JsonNode *hit;

  if (entry == NULL)
    return NULL;

  if (entry->json != NULL)
    {
      JsonNode *node = ots_json_parse (entry->json, -1, &error);

      if (node == NULL)
        g_warning ("Stored object %s does not parse: %s", entry->id, error->message);
      return node;
    }

  /* Files of one paper come one after another in their list: keep the
   * last parent parsed. */
  if (store->cache_node == NULL || store->cache_pos != entry->parent ||
      store->cache_generation != store->generation)
    {
      g_clear_pointer (&store->cache_node, json_node_unref);
      store->cache_node = ots_store_dup_node (store, entry->parent);
      store->cache_pos = entry->parent;
      store->cache_generation = store->generation;
      if (store->cache_node == NULL)
        return NULL;
    }
  hit = ots_json_find_id (store->cache_node, entry->id);

  return hit ? ots_json_deep_copy (hit) : NULL;
}
