from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("grants", "0003_officials_scoring")]

    operations = [migrations.RemoveField(model_name="distributionevent", name="officials_text")]
