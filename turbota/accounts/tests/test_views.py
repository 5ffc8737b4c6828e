from __future__ import annotations

from django.test import Client

from conftest import World


def test_logging_in_with_the_right_password_lets_the_user_in(world: World, password: str) -> None:
    client = Client()
    response = client.post("/accounts/login/", {"username": "staff_a", "password": password})
    assert response.status_code == 302
    assert client.get("/accounts/me/").status_code == 200


def test_a_wrong_password_is_refused_with_a_ukrainian_message(world: World) -> None:
    response = Client().post("/accounts/login/", {"username": "staff_a", "password": "wrong"})
    assert response.status_code == 200
    assert "Неправильне ім'я користувача або пароль" in response.content.decode()


def test_logging_out_ends_the_session(world: World) -> None:
    client = world.client_for("hromada_staff")
    client.post("/accounts/logout/")
    assert client.get("/accounts/me/").status_code == 302


def test_a_user_can_change_their_password(world: World, password: str) -> None:
    client = world.client_for("hromada_staff")
    response = client.post(
        "/accounts/password/",
        {
            "old_password": password,
            "new_password1": "Нова-фраза-2026",
            "new_password2": "Нова-фраза-2026",
        },
    )
    assert response.status_code == 302
    user = world.users["hromada_staff"]
    assert user is not None
    user.refresh_from_db()
    assert user.check_password("Нова-фраза-2026")


def test_my_account_lists_my_roles(world: World) -> None:
    page = world.client_for("oblast_analyst").get("/accounts/me/").content.decode()
    assert "аналітик області" in page
    assert "Перша область" in page


def test_a_user_without_roles_is_told_to_ask_an_administrator(world: World) -> None:
    page = world.client_for("no_role").get("/accounts/me/").content.decode()
    assert "не призначено жодної ролі" in page
