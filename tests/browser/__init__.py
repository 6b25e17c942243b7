"""Browser tests (Chromium), of whole journeys through the pages."""
