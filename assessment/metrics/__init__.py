"""Computed indicators: metrics that read the records of many organizations at once.

Each metric module registers itself in ``registry``; ``assessment.services`` asks the
registry for a metric by key and never imports a metric module directly."""
