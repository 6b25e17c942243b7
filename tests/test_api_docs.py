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


def test_an_api_address_that_names_no_operation_is_a_json_404(client, secretary_a):
    client.force_login(secretary_a)

    response = client.get("/api/members/1.5e-10/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()


def test_an_api_address_without_its_slash_is_still_redirected(client, secretary_a):
    client.force_login(secretary_a)

    assert client.get("/api/members").status_code == 301
