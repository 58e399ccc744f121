"""The ledger's routes. Included into the `residences` namespace (names like "residences:ledger")."""

from django.urls import path

from residences.ledger import views

urlpatterns = [
    path("ledger/mine/", views.my_balance, name="my_balance"),
    path("ledger/stays/<int:stay_pk>/", views.ledger, name="ledger"),
    path("ledger/stays/<int:stay_pk>/charge/", views.post_charge, name="post_charge"),
    path("ledger/stays/<int:stay_pk>/payment/", views.record_payment, name="record_payment"),
    path("ledger/stays/<int:stay_pk>/credit/", views.post_credit, name="post_credit"),
    path("ledger/stays/<int:stay_pk>/statement/", views.statement, name="statement"),
    path("ledger/stays/<int:stay_pk>/disclosure/", views.prepare_disclosure, name="prepare_disclosure"),
    path("ledger/disclosures/<int:pk>/sign/", views.sign_disclosure, name="sign_disclosure"),
    path("ledger/entries/<int:pk>/correct/", views.correct_entry, name="correct_entry"),
    path("ledger/homes/<int:residence_pk>/behind/", views.behind, name="behind"),
]
