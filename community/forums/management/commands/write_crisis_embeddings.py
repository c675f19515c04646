from django.core.management.base import BaseCommand

from community.forums import example_embeddings
from community.forums.models import CrisisExample


class Command(BaseCommand):
    help = (
        "Computes the embeddings of every crisis example sentence in the database and writes "
        "them to community/forums/sentence_model/example-embeddings.npz, to ship with the code."
    )

    def handle(self, *args, **options):
        texts = list(CrisisExample.objects.values_list("text", flat=True))
        count = example_embeddings.write(texts)
        self.stdout.write(f"Wrote the embeddings of {count} example sentences.")
