"""Read queries of activities, a module or package per topic, already scoped to the user."""
