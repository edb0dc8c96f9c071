"""The ``regkb-glossary`` plugin: term pages, automatic term links and the glossary index."""
