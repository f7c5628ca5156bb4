#!/usr/bin/python3
"""A small GTK window that lets a file be dragged from it, as a file manager does.

The drop test drags from here onto the app with the X pointer (xdotool), so the file goes
through the desktop's real drag-and-drop protocol (XDND), GTK, WebKitGTK and Tauri's drop
handler, as when a user drags a CSV from Files onto the window.

    drag-source.py FILE X Y    # the window's top-left corner on the screen
"""
import sys
from pathlib import Path

import gi

gi.require_version("Gdk", "3.0")
gi.require_version("Gtk", "3.0")
from gi.repository import Gdk, Gtk  # noqa: E402

path, x, y = Path(sys.argv[1]).resolve(), int(sys.argv[2]), int(sys.argv[3])

window = Gtk.Window(title="fieldbook-drag-source")
window.set_decorated(False)
window.set_default_size(160, 80)
window.move(x, y)
# An event box: a label has no window of its own to start a drag from.
box = Gtk.EventBox()
box.add(Gtk.Label(label=path.name))
window.add(box)
box.drag_source_set(Gdk.ModifierType.BUTTON1_MASK, [], Gdk.DragAction.COPY)
box.drag_source_add_uri_targets()


def on_drag_data_get(_widget, _context, data, _info, _time):
    data.set_uris([path.as_uri()])


def on_drag_end(_widget, _context):
    print("drag-end", flush=True)


box.connect("drag-data-get", on_drag_data_get)
box.connect("drag-end", on_drag_end)
window.connect("destroy", Gtk.main_quit)
window.show_all()
print("ready", flush=True)
Gtk.main()
