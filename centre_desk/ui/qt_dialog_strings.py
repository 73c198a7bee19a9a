"""The words of Qt's own file and print dialogs, by Qt context, for the Vietnamese catalogue.

Qt draws its own (non-native) file dialog on Linux and its own print dialog wherever there is no
native one; Qt ships no Vietnamese for them. The source texts are Qt 6's, as Qt asks for them
(recorded by opening each dialog offscreen, with the messages found in Qt's qtbase_*.qm files);
tests/ui/test_qt_strings.py opens the dialogs and fails on any English left.
"""

from __future__ import annotations

from centre_desk.i18n import N_

FILE_DIALOG: dict[str, tuple[str, ...]] = {
    "QFileDialog": (
        N_("&Look in:"), N_("File &name:"), N_("Files of &type:"), N_("&Open"), N_("&Save"), N_("&Choose"),
        N_("&Delete"), N_("&Rename"), N_("&New Folder"), N_("Show &hidden files"), N_("Show "), N_("Back"),
        N_("Forward"), N_("Go back"), N_("Go forward"), N_("Parent Directory"), N_("Go to the parent directory"),
        N_("Create New Folder"), N_("Create a New Folder"), N_("List View"), N_("Detail View"),
        N_("Change to list view mode"), N_("Change to detail view mode"), N_("List of places and bookmarks"),
        N_("Sidebar"), N_("Files"), N_("Directories"), N_("Directory:"), N_("All Files (*)"), N_("All files (*)"),
        N_("New Folder"), N_("Recent Places"), N_("My Computer"), N_("Open"), N_("Save As"), N_("Find Directory"),
        N_("Remove"), N_("Delete"), N_("%1 File"), N_("Could not delete directory."),
        N_("%1 already exists.\nDo you want to replace it?"),
        N_("%1\nFile not found.\nPlease verify the correct file name was given."),
        N_("%1\nDirectory not found.\nPlease verify the correct directory name was given."),
        N_("'%1' is write protected.\nDo you want to delete it anyway?"), N_("Are you sure you want to delete '%1'?"),
    ),
    "QFileSystemModel": (
        N_("Name"), N_("Size"), N_("Type"), N_("Kind"), N_("Date Modified"), N_("Computer"), N_("My Computer"),
        N_("Invalid filename"),
        N_("<b>The name \"%1\" cannot be used.</b><p>Try using another name, with fewer characters or no "
           "punctuation marks."),
    ),
    "QAbstractFileIconProvider": (
        N_("Drive"), N_("Folder"), N_("File"), N_("File Folder"), N_("Alias"), N_("Shortcut"), N_("Unknown"),
        N_("%1 File"),
    ),
    "QTabBar": (N_("Scroll Left"), N_("Scroll Right")),
}  # fmt: skip

PRINT_DIALOG: dict[str, tuple[str, ...]] = {
    "QPrintDialog": (
        N_("&Print"), N_("Print"), N_("&Options >>"), N_("&Options <<"), N_("All Pages"), N_("Odd Pages"),
        N_("Even Pages"), N_("Left to Right, Top to Bottom"), N_("Left to Right, Bottom to Top"),
        N_("Right to Left, Bottom to Top"), N_("Right to Left, Top to Bottom"), N_("Bottom to Top, Left to Right"),
        N_("Bottom to Top, Right to Left"), N_("Top to Bottom, Left to Right"), N_("Top to Bottom, Right to Left"),
        N_("Local file"), N_("Print to File (PDF)"), N_("Print To File ..."), N_("Write PDF file"), N_("Automatic"),
        N_("OK"), N_("%1 already exists.\nDo you want to overwrite it?"),
        N_("%1 is a directory.\nPlease choose a different file name."),
        N_("File %1 is not writable.\nPlease choose a different file name."),
        N_("The 'From' value cannot be greater than the 'To' value."), N_("Invalid Pages Definition"),
        N_("Options 'Pages Per Sheet' and 'Page Set' cannot be used together.\n"
           "Please turn one of those options off."),
        N_("%1 does not follow the correct syntax. Please use ',' to separate ranges and pages, '-' to define "
           "ranges and make sure ranges do not intersect with each other."),
        N_("Duplex Settings Conflicts"), N_("There are conflicts in duplex settings. Do you want to fix them?"),
    ),
    "QPrintWidget": (
        N_("&Name:"), N_("P&roperties"), N_("Location:"), N_("Preview"), N_("Type:"), N_("Output &file:"),
        N_("Printer"),
    ),
    "QPrintSettingsOutput": (
        N_("Copies"), N_("Copies:"), N_("Collate"), N_("Reverse"), N_("Options"), N_("Output Settings"),
        N_("Print range"), N_("Print all"), N_("Pages from"), N_("to"), N_("Pages"), N_("Current Page"),
        N_("Selection"), N_("Page &Set:"), N_("Color Mode"), N_("Color"), N_("Grayscale"),
        N_("Double Sided Printing"), N_("Duplex Printing"), N_("Off"), N_("None"), N_("Long side binding"),
        N_("Short side binding"), N_("Long side"), N_("Short side"),
        N_("Specify pages or ranges separated by commas. Ranges are specified by two numbers separated by a "
           "hyphen. E.g: 3,5-7,9 prints pages 3, 5, 6, 7 and 9."),
    ),
    "QPageSetupWidget": (
        N_("Paper"), N_("Page size:"), N_("Width:"), N_("Height:"), N_("Paper source:"), N_("Orientation"),
        N_("Portrait"), N_("Landscape"), N_("Reverse landscape"), N_("Reverse portrait"), N_("Margins"),
        N_("top margin"), N_("left margin"), N_("right margin"), N_("bottom margin"), N_("Page Layout"),
        N_("Page &order:"), N_("Pages &per sheet:"), N_("Custom"), N_("Millimeters (mm)"), N_("Inches (in)"),
        N_("Points (pt)"), N_("Pica (P̸)"), N_("Didot (DD)"), N_("Cicero (CC)"), N_("Centimeters (cm)"),
    ),
    "QPrintPreviewDialog": (
        N_("Print Preview"), N_("Next page"), N_("Previous page"), N_("First page"), N_("Last page"),
        N_("Fit width"), N_("Fit page"), N_("Zoom in"), N_("Zoom out"), N_("Portrait"), N_("Landscape"),
        N_("Show single page"), N_("Show facing pages"), N_("Show overview of all pages"), N_("Print"),
        N_("Page setup"), N_("Page Setup"), N_("Export to PDF"),
    ),
    "QPrintPropertiesDialog": (
        N_("Printer Properties"), N_("Job Options"), N_("Page Setup Conflicts"),
        N_("There are conflicts in page setup options. Do you want to fix them?"), N_("Advanced Option Conflicts"),
        N_("There are conflicts in some advanced options. Do you want to fix them?"),
    ),
    "QPrintPropertiesWidget": (
        N_("Page"), N_("Advanced"), N_("There are conflicts in some options. Please fix them."),
    ),
    "QCupsJobWidget": (
        N_("Job"), N_("Job Control"), N_("Scheduled &printing:"), N_("&Billing information:"), N_("Job &priority:"),
        N_("Banner Pages"), N_("&Start:"), N_("&End:"), N_("Print Immediately"), N_("Hold Indefinitely"),
        N_("Day (06:00 to 17:59)"), N_("Night (18:00 to 05:59)"), N_("Second Shift (16:00 to 23:59)"),
        N_("Third Shift (00:00 to 07:59)"), N_("Weekend (Saturday to Sunday)"), N_("Specific Time"), N_("None"),
        N_("Standard"), N_("Unclassified"), N_("Confidential"), N_("Classified"), N_("Secret"), N_("Top Secret"),
    ),
    "QCupsPrinterSupport": (
        N_("Authentication Needed"), N_("Authentication needed to use %1."),
        N_("Authentication needed to use %1 on %2."), N_("Username:"), N_("Password:"),
    ),
}  # fmt: skip

# Paper names (QPageSize) are product names ("A4", "Letter / ANSI A"); only these words in them are translated.
PAPER_WORDS = (N_("Double Postcard"), N_("Postcard"), N_("Envelope"), N_("Custom"), N_("Fan-fold"), N_("German"))
