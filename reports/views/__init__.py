"""Pages of the reports app: jobs (ask, follow, download), exports, the indicators dashboard."""

from .dashboard import dashboard
from .exports import export_csv, export_form
from .jobs import job_detail, job_download, job_list, job_request, job_status

__all__ = [
    "dashboard",
    "export_csv",
    "export_form",
    "job_detail",
    "job_download",
    "job_list",
    "job_request",
    "job_status",
]
