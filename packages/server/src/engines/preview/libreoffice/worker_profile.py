# The LibreOffice profile every worker starts with: defence in depth behind the sandbox
# (docs/security.md). Even where a deployment runs without the sandbox, a document cannot run
# macros, update links or fetch linked content through this profile.
import os

_ITEMS = (
    # Never run document code, whatever the document asks (3 = very high: only trusted locations,
    # and there are none), and never offer to.
    ("org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel", "int", "3"),
    ("org.openoffice.Office.Common/Security/Scripting", "DisableMacrosExecution", "boolean", "true"),
    # Linked images, sections and OLE links are followed only for documents in trusted locations
    # (Security/Scripting/SecureURL), and the worker's job directory is not one.
    ("org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "boolean", "true"),
    # Links in text documents and spreadsheets are never updated (2 = never).
    ("org.openoffice.Office.Writer/Content/Update", "Link", "int", "2"),
    ("org.openoffice.Office.Calc/Content/Update", "Link", "int", "2"),
    # Spreadsheets show their saved results instead of recalculating on load (1 = never): a
    # recalculation could call WEBSERVICE() or take forever.
    ("org.openoffice.Office.Calc/Formula/Load", "OOXMLRecalcMode", "int", "1"),
    ("org.openoffice.Office.Calc/Formula/Load", "ODFRecalcMode", "int", "1"),
    # No Java: nothing in a preview needs it, and it is one more runtime a document could reach.
    ("org.openoffice.Office.Java/VirtualMachine", "Enable", "boolean", "false"),
)


def _item(path, name, kind, value):
    return (
        '<item oor:path="/%s"><prop oor:name="%s" oor:op="fuse" oor:type="xs:%s"><value>%s</value></prop></item>'
        % (path, name, kind, value)
    )


def hardened_profile_xml():
    items = "\n".join(_item(*item) for item in _ITEMS)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n' + items + "\n</oor:items>\n"
    )


def write_hardened_profile(profile_dir):
    """Writes the user layer of a fresh profile; LibreOffice keeps it and adds its own settings."""
    user = os.path.join(profile_dir, "user")
    os.makedirs(user, exist_ok=True)
    with open(os.path.join(user, "registrymodifications.xcu"), "w", encoding="utf-8") as fh:
        fh.write(hardened_profile_xml())
