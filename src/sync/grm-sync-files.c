/* grm-sync-files.c: the files phase (placeholder). */
#include "config.h"

#define G_LOG_DOMAIN "grm-sync-files"

#include "grm-sync-private.h"

void
grm_sync_files_run (GrmSyncRun *run)
{
}
