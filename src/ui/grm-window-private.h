/* grm-window-private.h: what grm-window.c and grm-window-actions.c share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "grm-sync-banner.h"
#include "grm-sync-button.h"
#include "grm-window.h"

G_BEGIN_DECLS

struct _GrmWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *error_page;
  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar;
  GtkWidget            *content_header;
  AdwWindowTitle       *content_title;
  GtkWidget            *back_button;
  GtkWidget            *folded_sync_spinner;
  GtkStack             *content_stack;
  AdwStatusPage        *welcome_page;
  GrmSyncButton        *sync_button;
  GrmSyncBanner        *sync_banner;

  GrmApplication       *application;
  GrmStore             *store;
  GSettings            *settings;
  GCancellable         *cancellable;
  char                 *files_dir;
  char                 *section;
  GPtrArray            *history;       /* pushed pages, GtkWidget */
  GBinding             *title_binding;
  gulong                store_handler;
  gulong                error_handler;
  gulong                syncing_handler;
  gulong                changed_handler;
  gboolean              has_data;
  gboolean              sections_built;
};

void grm_window_install_actions (GtkWidgetClass *widget_class);
/* The Outbox section (grm-window-outbox.c). */
void grm_window_outbox_setup (GrmWindow *self);
void grm_window_outbox_watch_session (GrmWindow  *self,
                                      GtkWidget  *session_page,
                                      const char *meeting_name);

G_END_DECLS
