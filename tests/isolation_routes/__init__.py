"""Routes the isolation suite knows how to exercise: one module per feature, each with OBJECT_ROUTES (route
name -> function(organization) returning the URL kwargs of a fresh object of that organization) and
NOT_TENANT_ROUTES (route name -> why it holds no tenant data); an API resource's module has API_OBJECTS (router
basename -> function(organization) returning the id of a fresh object). Every module here is picked up by itself."""

import importlib
import pkgutil

OBJECT_ROUTES: dict = {}
NOT_TENANT_ROUTES: dict = {}
API_OBJECTS: dict = {}

for module_info in pkgutil.iter_modules(__path__):
    module = importlib.import_module(f"{__name__}.{module_info.name}")
    OBJECT_ROUTES.update(getattr(module, "OBJECT_ROUTES", {}))
    NOT_TENANT_ROUTES.update(getattr(module, "NOT_TENANT_ROUTES", {}))
    API_OBJECTS.update(getattr(module, "API_OBJECTS", {}))
