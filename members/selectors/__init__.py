"""Read queries of the members app, a module per topic: roll, development, dues, mobile, training, transfers."""
