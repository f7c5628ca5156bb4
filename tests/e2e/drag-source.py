#!/usr/bin/python3
"""A small GTK window that lets a file be dragged from it, as a file manager does.

The drop test drags from here onto the app with the X pointer (xdotool), so the file goes
through the desktop's real drag-and-drop protocol (XDND), GTK, WebKitGTK and Tauri's drop
handler, as when a user drags a CSV from Files onto the window.

    drag-source.py FILE X Y    # the window's top-left corner on the screen

It prints one line per step of the drag, for the test to wait on (and to show when a drag
fails): `ready`, `drag-begin`, `target <action>` each time the window under the pointer
answers (0: it refuses the drop), `data`, `drag-failed <why>`, `drag-end`. GTK cancels a drop
released before the target's answer has arrived, so the test releases only after a
`target` line with an action.
"""
import sys
from pathlib import Path

import gi

gi.require_version("Gdk", "3.0")
gi.require_version("Gtk", "3.0")
from gi.repository import Gdk, Gtk  # noqa: E402

path, x, y = Path(sys.argv[1]).resolve(), int(sys.argv[2]), int(sys.argv[3])


def say(line):
    print(line, flush=True)


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


def on_drag_begin(_widget, context):
    say("drag-begin")
    # GDK emits this when the target's XdndStatus reply changes the chosen action.
    context.connect("action-changed", lambda _context, action: say(f"target {int(action)}"))


def on_drag_data_get(_widget, _context, data, _info, _time):
    data.set_uris([path.as_uri()])
    say("data")


def on_drag_failed(_widget, _context, result):
    say(f"drag-failed {result.value_nick}")
    return False


box.connect("drag-begin", on_drag_begin)
box.connect("drag-data-get", on_drag_data_get)
box.connect("drag-failed", on_drag_failed)
box.connect("drag-end", lambda _widget, _context: say("drag-end"))
window.connect("destroy", Gtk.main_quit)
window.show_all()
say("ready")
Gtk.main()
