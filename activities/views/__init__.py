"""The activity pages, one module per part of an activity: the record and its lifecycle
(`activity`), the agenda and calendar files (`agenda`), people, attendance and certificates
(`people`), money and papers (`money`). Each module ends with its `urlpatterns` and registers
its tab on the activity's page (`activities.views.tabs`)."""
