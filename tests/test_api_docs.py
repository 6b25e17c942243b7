"""The API's own pages: the schema and the Swagger UI answer every method they allow."""

from django.urls import reverse


def test_options_on_the_api_docs_describes_the_page(client, secretary_a):
    client.force_login(secretary_a)

    response = client.options(reverse("api-docs"))

    assert response.status_code == 200


def test_the_api_docs_page_still_shows_swagger_ui(client, secretary_a):
    client.force_login(secretary_a)

    response = client.get(reverse("api-docs"))

    assert response.status_code == 200
    assert b"swagger-ui" in response.content


def test_options_on_the_api_docs_lists_the_allowed_methods(client, secretary_a):
    client.force_login(secretary_a)

    response = client.options(reverse("api-docs"))

    assert "GET" in response["Allow"]
