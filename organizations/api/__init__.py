"""The API of the organizations app, a module per topic: organizations.ROUTES lists its
(prefix, viewset, basename); scoping holds the related field and filter backend of every
app's API. Kept free of imports: REST framework's settings load the filter backend from here
while its viewsets are still being imported."""
