"""credgraph: a source-credibility knowledge graph.

Claims, sources and the outlets that relay them become RDF (PROV-O, schema.org, CiTO);
citation chains are traced with NetworkX; an audit flags figures that rest on a single
unverified origin, circular reporting, conflicting figures and drift along a chain.

>>> import credgraph
>>> credgraph.__version__
'0.1.0'
"""

__version__ = "0.1.0"
