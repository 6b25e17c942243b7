"""Forms of the member pages: a module per topic (roll, development, dues, mobile, ...)."""
