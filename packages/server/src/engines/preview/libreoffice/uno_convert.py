# One document -> PDF over an open UNO Desktop. Imported by uno-worker.py (same directory).
# Failures raise ConversionError with a code the pool maps to the error catalogue:
#   corrupt | password | unsupported | disguised | failed
import os
import re
import sys

import uno
import unohelper
from com.sun.star.beans import PropertyValue
from com.sun.star.io import IOException
from com.sun.star.lang import IllegalArgumentException
from com.sun.star.task import XInteractionHandler

# The PDF export filter is chosen by what LibreOffice actually loaded, not by the file name, so a
# ".xls" that is really a text file or a ".doc" that is RTF still previews. Anything else
# (an image renamed .docx loads as a Draw document) is not an office document we preview.
EXPORT_FILTERS = (
    ("com.sun.star.sheet.SpreadsheetDocument", "calc", "calc_pdf_Export"),
    ("com.sun.star.presentation.PresentationDocument", "impress", "impress_pdf_Export"),
    ("com.sun.star.text.TextDocument", "writer", "writer_pdf_Export"),
)

# Type detection falls back to plain-text import for garbage; an office file that only loads
# as text is broken, not a text document. Only these formats may legitimately be plain text.
TEXT_FILTER = re.compile(r"^Text( |$)|^Text - txt - csv")
TEXT_FORMATS = frozenset(("txt", "csv", "tsv", "log", "md"))

# Detection is also permissive with legacy importers: half a .docx has been seen to load as
# "WordPerfect". The formats docgate previews (formats.ts) all load through the mainstream
# filters below, including the usual disguises (a .doc that is RTF, an .xlsx that is really a
# binary .xls); anything else means the bytes are not what they claim. Web pages never get this
# far (refuse_web_pages).
MAINSTREAM_FILTER = re.compile(
    r"MS Word|MS WinWord|MS Excel|MS PowerPoint|MS_Works|Office Open XML|Word 2007|Excel 2007|PowerPoint 2007"
    r"|writer8|calc8|impress8|OpenDocument|StarOffice XML|Rich Text|^Text"
)

PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


class ConversionError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


def log(text):
    sys.stderr.write("[uno-worker] " + text + "\n")


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


class Interactions(unohelper.Base, XInteractionHandler):
    """Answers LibreOffice's questions so a hidden load never waits for a user.

    A request for import options (HTML or text import in Calc) is answered with the defaults,
    as a user pressing OK would. Every other question is aborted: a preview never guesses a
    password or agrees to "repair" a broken file. Questions are recognised by their
    continuations, because reading the request itself trips a pyuno bug on Python 3.11 when the
    request is an exception.
    """

    def __init__(self):
        self.password = False
        self.asked = False

    def handle(self, request):
        continuations = request.getContinuations()
        for continuation in continuations:
            if supports(continuation, "com.sun.star.document.XInteractionFilterOptions"):
                continuation.setFilterOptions(())
                continuation.select()
                return
        self.asked = True
        if any(supports(c, "com.sun.star.task.XInteractionPassword") for c in continuations):
            self.password = True
        for continuation in continuations:
            if supports(continuation, "com.sun.star.task.XInteractionAbort"):
                continuation.select()
                return


def supports(obj, interface):
    return obj.queryInterface(uno.getTypeByName(interface)) is not None


def refuse_web_pages(detection, url):
    """HTML under an office extension would load through LibreOffice's web filters, which fetch
    images and style sheets; docgate never hands web pages to LibreOffice (docs/security.md)."""
    detected = detection.queryTypeByDescriptor((prop("URL", url),), True)
    type_name = detected[0] if isinstance(detected, tuple) else detected
    if "html" in (type_name or "").lower():
        raise ConversionError("disguised", "the file is a web page (%s), not an office document" % type_name)


def load(office, path, fmt):
    handler = Interactions()
    url = uno.systemPathToFileUrl(os.path.abspath(path))
    refuse_web_pages(office.detection, url)
    props = (
        prop("Hidden", True),
        prop("ReadOnly", True),
        prop("MacroExecutionMode", 0),  # NEVER_EXECUTE: previews must not run document code
        prop("UpdateDocMode", 0),  # NO_UPDATE: never fetch linked content from the network
        prop("InteractionHandler", handler),
    )
    if fmt == "csv":
        # Comma-separated, double quotes, UTF-8: without options the import would ask.
        props += (prop("FilterOptions", "44,34,76"),)
    doc = None
    failure = None
    try:
        doc = office.desktop.loadComponentFromURL(url, "_blank", 0, props)
    except (IllegalArgumentException, IOException) as err:
        failure = err
    if handler.password:
        close(doc)
        raise ConversionError("password", "the document is password-protected")
    if doc is None:
        why = "it asked a question, which was declined" if handler.asked else (failure or "no document")
        raise ConversionError("corrupt", "LibreOffice cannot read the file: %s" % why)
    return doc


def family_of(doc):
    for service, family, export in EXPORT_FILTERS:
        if doc.supportsService(service):
            return family, export
    return None, None


def loaded_filter(doc):
    for arg in doc.getArgs():
        if arg.Name == "FilterName":
            return arg.Value
    return ""


def fit_sheets_to_width(doc):
    # A wide sheet otherwise prints as dozens of column slivers; one page wide, any number of
    # pages tall keeps every sheet readable in the viewer. All sheets share the export.
    styles = doc.StyleFamilies.getByName("PageStyles")
    for sheet in doc.Sheets:
        style = styles.getByName(sheet.PageStyle)
        style.ScaleToPages = 0
        style.ScaleToPagesX = 1
        style.ScaleToPagesY = 0


def count_pages(pdf_path):
    with open(pdf_path, "rb") as fh:
        return len(PAGE_OBJECT.findall(fh.read()))


def close(doc):
    if doc is None:
        return
    try:
        doc.close(True)
    except Exception:  # noqa: BLE001 - CloseVetoException or a dying bridge: dispose instead
        try:
            doc.dispose()
        except Exception:  # noqa: BLE001
            pass


def convert(office, request):
    src, out, fmt = request["input"], request["output"], request.get("format", "")
    if not os.path.isfile(src):
        raise ConversionError("failed", "input file does not exist")
    if os.path.getsize(src) == 0 and fmt not in TEXT_FORMATS:
        raise ConversionError("corrupt", "the file is empty")
    doc = load(office, src, fmt)
    try:
        family, export = family_of(doc)
        if export is None:
            raise ConversionError("unsupported", "the file is not a text, spreadsheet or presentation document")
        if request.get("kind") not in (None, family):
            # Not an error (a ".xls" may really be text), but worth seeing when a preview looks odd.
            log("%s loaded as %s by filter %r" % (fmt, family, loaded_filter(doc)))
        detected = loaded_filter(doc)
        if not MAINSTREAM_FILTER.search(detected) or (fmt not in TEXT_FORMATS and TEXT_FILTER.search(detected)):
            raise ConversionError("corrupt", "the file is not a valid .%s document (read as %r)" % (fmt, detected))
        if family == "calc":
            fit_sheets_to_width(doc)
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(out)), (prop("FilterName", export),))
    finally:
        close(doc)
    return count_pages(out)
