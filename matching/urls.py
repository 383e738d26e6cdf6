from django.urls import path

from matching import views

app_name = "matching"
urlpatterns = [
    path("requests/<int:pk>/", views.request_matches, name="request_matches"),
    path("requests/<int:pk>/weights/", views.request_weights, name="request_weights"),
    path("requests/<int:pk>/invite-host/", views.host_invite, name="host_invite"),
    path("requests/<int:pk>/invite-expert/", views.expert_invite, name="expert_invite"),
    path("requests/<int:pk>/exclusions/", views.exclusion_create, name="exclusion_create"),
    path("exclusions/<int:pk>/remove/", views.exclusion_remove, name="exclusion_remove"),
    path("invitations/", views.invitation_list, name="invitation_list"),
    path("host-invitations/<int:pk>/respond/", views.host_invitation_respond, name="host_invitation_respond"),
    path("host-invitations/<int:pk>/withdraw/", views.host_invitation_withdraw, name="host_invitation_withdraw"),
    path("expert-invitations/<int:pk>/respond/", views.expert_invitation_respond, name="expert_invitation_respond"),
    path("expert-invitations/<int:pk>/withdraw/", views.expert_invitation_withdraw, name="expert_invitation_withdraw"),
]
