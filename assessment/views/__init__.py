"""Pages of the assessment app, one module per area: the schemes, a scheme's ranking and an
organization's score sheet."""
