"""The pages of a trajectory, one module per area of it (urls.py imports the modules):

- ``basis``: what every page about one trajectory shares (``TrajectMixin``, ``ActieView``)
- ``dossier``: the list and the file with its tabs
- ``aanmelding``: referral, triage, intake
- ``indicatie``: the provisions check, the request and the casemanager's decisions
- ``team``: regie, assignments, first contact, starting
- ``plan``: the support plan and the family-network plan
- ``bezoeken``: visits, corrections, the budget exception
- ``evaluaties``, ``signalen``: evaluations; signals and the Meldcode
- ``afsluiting``: closing and cancelling
- ``gezin``: the family's life changes (birth, move, baby, BSN)
- ``vertrek``: a medewerker's departure (her provider's beheerder)
"""
