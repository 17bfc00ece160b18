from nolan.directory.models import Council


def frame(request):
    council = Council.objects.first()
    return {"council": council, "council_name": council.name if council else "Nolan"}
