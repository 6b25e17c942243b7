def test_pages(client, secretary_a, world, street_staff):
    client.force_login(street_staff)
    for url in ["/", "/organizations/", f"/organizations/{world.branch_a.pk}/", "/grid/", f"/grid/{world.branch_a.grid_cell_id}/", "/api/organizations/", "/api/grid-cells/", "/admin/", "/admin/organizations/organization/", f"/admin/organizations/organization/{world.branch_a.pk}/change/"]:
        r = client.get(url)
        assert r.status_code == 200, (url, r.status_code)
