"""Indonesian: how news pages print dates, times, time zones, datelines and bylines."""

from __future__ import annotations

__all__ = ["BYLINE_ROLES", "DATELINE_CITIES", "MONTHS", "TIME_ZONES", "WEEKDAYS", "WEEKDAY_NUMBER"]

# Days, months and time zones as Indonesian pages print them.
WEEKDAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Jum'at", "Sabtu", "Minggu", "Ahad"]
WEEKDAY_NUMBER = {
    "senin": 0,
    "selasa": 1,
    "rabu": 2,
    "kamis": 3,
    "jumat": 4,
    "jum'at": 4,
    "sabtu": 5,
    "minggu": 6,
    "ahad": 6,
}
MONTHS = [
    "Januari",
    "Februari",
    "Pebruari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Nopember",
    "Desember",
    "Sept",
    "Jan",
    "Feb",
    "Peb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Agu",
    "Agt",
    "Ags",
    "Sep",
    "Okt",
    "Nov",
    "Nop",
    "Des",
]
TIME_ZONES = {"WIB": 7, "WITA": 8, "WIT": 9}  # hours east of UTC

# Cities that open a dateline ("Palu - ..."), as a regular-expression alternation.
DATELINE_CITIES = (
    "Jakarta|Bandung|Surabaya|Medan|Makassar|Semarang|Yogyakarta|Denpasar|Palembang|Solo"
    "|Bogor|Depok|Bekasi|Tangerang|Malang|Padang|Pekanbaru|Banda Aceh|Jayapura|Manado"
    "|Balikpapan|Samarinda|Pontianak|Banjarmasin|Kupang|Mataram|Ambon|Batam|Jambi|Bengkulu"
    "|Serang|Cirebon|Palu|Kendari|Gorontalo|Mamuju|Ternate|Sorong|Manokwari|Tasikmalaya"
)
# Byline labels and the role each names.
BYLINE_ROLES = {
    "penulis": "author",
    "oleh": "author",
    "writer": "author",
    "author": "author",
    "editor": "editor",
    "penyunting": "editor",
    "redaktur": "editor",
    "reporter": "reporter",
    "pewarta": "reporter",
    "wartawan": "reporter",
    "kontributor": "reporter",
    "laporan wartawan": "reporter",
    "fotografer": "photographer",
    "foto": "photographer",
    "photo": "photographer",
    "photographer": "photographer",
}
